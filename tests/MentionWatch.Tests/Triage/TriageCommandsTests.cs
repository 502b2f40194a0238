using System.Text.Json;
using MentionWatch.Cli;

namespace MentionWatch.Tests.Triage;

public sealed class TriageCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mw-triage-").FullName;

    [Fact]
    public async Task Classify_MalformedAndGoodLines_WritesOneVerdictPerLineWithErrors()
    {
        var trust = Path.Combine(_dir, "trust.json");
        await File.WriteAllTextAsync(trust, JsonSerializer.Serialize(TestTrust.Profile));
        var input = Path.Combine(_dir, "in.jsonl");
        var output = Path.Combine(_dir, "out.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id":"m1","platform":"x","text":"@HarboursideNHS I can't keep myself safe tonight","expected":{"labels":["praise"],"urgent":false}}""",
            """{"id":"m2","platform":"x","text": "broken""",
            "",
            """{"id":"m3","platform":"x"}""",
            """[1,2,3]""",
            """{"id":"m4","platform":"x","text":"Thank you to the district nurses, so kind"}""",
        ]);

        var exit = await CommandLine.Create([]).Parse(["classify", "--trust", trust, "--in", input, "--out", output]).InvokeAsync();

        exit.ShouldBe(0);
        var lines = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Count.ShouldBe(6);
        lines[0].GetProperty("id").GetString().ShouldBe("m1");
        lines[0].GetProperty("urgent").GetBoolean().ShouldBeTrue(); // the 'expected' field is ignored
        lines[0].GetProperty("labels")[0].GetString().ShouldBe("distress");
        lines[1].GetProperty("id").GetString().ShouldBe("m2");
        lines[1].TryGetProperty("error", out _).ShouldBeTrue();
        lines[2].GetProperty("id").ValueKind.ShouldBe(JsonValueKind.Null);
        lines[2].TryGetProperty("error", out _).ShouldBeTrue();
        lines[3].GetProperty("error").GetString()!.ShouldContain("text");
        lines[4].TryGetProperty("error", out _).ShouldBeTrue();
        lines[5].GetProperty("labels")[0].GetString().ShouldBe("praise");
        lines[5].GetProperty("classifierVersion").GetString()!.ShouldStartWith("rules-");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
