using System.Text.Json;
using MentionWatch.Alerts;
using MentionWatch.Alerts.Channels;
using Microsoft.Extensions.Options;

namespace MentionWatch.Tests.Alerts.Channels;

public sealed class ConsoleAlertChannelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mw-console-").FullName;
    private readonly StringWriter _console = new();
    private readonly TestClock _clock = new() { FireAtOnceUpTo = TimeSpan.FromMinutes(1) };

    public void Dispose()
    {
        _console.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task SendAsync_TwoAlerts_AppendsOneParsableJsonLineEach()
    {
        using var channel = Channel();

        await channel.SendAsync(TestAlerts.Urgent(), Target(), "k-1", CancellationToken.None);
        await channel.SendAsync(TestAlerts.Routine(), Target(), "k-2", CancellationToken.None);

        var lines = await File.ReadAllLinesAsync(JsonlPath);
        lines.Length.ShouldBe(2);
        var envelopes = lines.Select(l => JsonSerializer.Deserialize<AlertEnvelope>(l, JsonSerializerOptions.Web)!).ToList();
        envelopes.Select(e => e.IdempotencyKey).ShouldBe(["k-1", "k-2"]);
        envelopes[0].Alert.AlertId.ShouldBe(42);
        envelopes[0].Alert.Labels.ShouldBe(["distress", "risk-to-life"]);
        envelopes[0].SentAt.ShouldBe(_clock.Now);
        envelopes[1].Alert.Excerpt.ShouldBeNull();
    }

    [Fact]
    public async Task SendAsync_UrgentWith999Instruction_MarkedUrgentAnd999Repeated()
    {
        using var channel = Channel();

        await channel.SendAsync(TestAlerts.Urgent(), Target(), "k", CancellationToken.None);

        var text = _console.ToString();
        text.ShouldContain("URGENT ALERT #42 for team 'crisis'");
        text.ShouldContain(">>> If there is an immediate risk to life, tell them to call 999 <<<");
        text.ShouldContain("Posted:    14 Mar 2025 09:12 UTC on x");
        text.ShouldContain("Open:      https://mentionwatch.trust.example/mentions/4242");
    }

    [Fact]
    public async Task SendAsync_Routine_NotMarkedUrgent()
    {
        using var channel = Channel();

        await channel.SendAsync(TestAlerts.Routine(), Target(), "k", CancellationToken.None);

        var text = _console.ToString();
        text.ShouldContain("Alert #7 for team 'comms'");
        text.ShouldNotContain("URGENT");
        text.ShouldNotContain(">>>");
        text.ShouldNotContain("Excerpt:");
    }

    [Fact]
    public async Task SendAsync_ManyAtOnce_LinesNeverInterleave()
    {
        using var channel = Channel();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            channel.SendAsync(TestAlerts.Urgent() with { AlertId = i }, Target(), $"k-{i}", CancellationToken.None)));

        var ids = (await File.ReadAllLinesAsync(JsonlPath))
            .Select(l => JsonSerializer.Deserialize<AlertEnvelope>(l, JsonSerializerOptions.Web)!.Alert.AlertId);
        ids.Order().ShouldBe(Enumerable.Range(0, 40).Select(i => (long)i));
    }

    [Fact]
    public async Task SendAsync_SameDeliveryIdTwice_WrittenAndPrintedOnce()
    {
        using var channel = Channel();

        await channel.SendAsync(TestAlerts.Urgent(), Target(), "alert-42-console-0", CancellationToken.None);
        await channel.SendAsync(TestAlerts.Urgent(), Target(), "alert-42-console-0", CancellationToken.None);

        (await File.ReadAllLinesAsync(JsonlPath)).Length.ShouldBe(1);
        _console.ToString().Split("URGENT ALERT #42").Length.ShouldBe(2);
    }

    [Fact]
    public async Task SendAsync_FileCannotBeWritten_FailsAndIsNotCountedAsSent()
    {
        // The file's folder is a regular file: every write fails until an operator fixes it.
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "out"), "");
        using var channel = Channel();

        await Should.ThrowAsync<IOException>(() => channel.SendAsync(TestAlerts.Urgent(), Target(), "alert-42-console-0", CancellationToken.None));

        (await channel.CheckAsync("alert-42-console-0", Target(), CancellationToken.None)).ShouldBe(DeliveryCheck.NotSent);
        await Should.ThrowAsync<IOException>(() => channel.SendAsync(TestAlerts.Urgent(), Target(), "alert-42-console-0", CancellationToken.None));
        File.Delete(Path.Combine(_folder, "out"));
        await channel.SendAsync(TestAlerts.Urgent(), Target(), "alert-42-console-0", CancellationToken.None);
        (await File.ReadAllLinesAsync(JsonlPath)).Length.ShouldBe(1);
    }

    [Fact]
    public async Task CheckAsync_IdWrittenByAnEarlierProcess_SentAndNotWrittenAgain()
    {
        using (var earlier = Channel())
        {
            await earlier.SendAsync(TestAlerts.Urgent(), Target(), "alert-42-console-0", CancellationToken.None);
        }

        // A torn last line (the earlier process was killed mid-write) is skipped, not fatal.
        await File.AppendAllTextAsync(JsonlPath, "{\"idempotencyKey\":\"alert-9");
        using var channel = Channel();

        (await channel.CheckAsync("alert-42-console-0", Target(), CancellationToken.None)).ShouldBe(DeliveryCheck.Sent);
        (await channel.CheckAsync("alert-43-console-0", Target(), CancellationToken.None)).ShouldBe(DeliveryCheck.NotSent);
        await channel.SendAsync(TestAlerts.Urgent(), Target(), "alert-42-console-0", CancellationToken.None);
        File.ReadAllText(JsonlPath).Split("alert-42-console-0").Length.ShouldBe(2);
    }

    private string JsonlPath => Path.Combine(_folder, "out", "alerts.jsonl");

    private ConsoleAlertChannel Channel() =>
        new(Options.Create(new ConsoleChannelOptions { JsonlPath = JsonlPath }), _clock, _console);

    private static ChannelTarget Target() => new() { Kind = "console" };
}
