using MentionWatch.Cli;
using Npgsql;

namespace MentionWatch.IntegrationTests.Sources;

[Collection(ServersCollection.Name)]
public sealed class SourceCommandsTests(ServersFixture servers)
{
    [Fact]
    public async Task PollOnceThenSources_ConfiguredXSource_StoresPrintsCursorAndHealth()
    {
        var database = await servers.CreateDatabaseAsync();
        await using var fake = await FakePlatform.StartAsync();
        var script = new XScript();
        fake.Enqueue(script.Page(fake.BaseAddress, [Post.Number(2), Post.Number(1)], 1, more: false));
        using var output = new StringWriter();

        var exit = await SourceCommands.PollOnceAsync("x-trust",
        [
            $"--ConnectionStrings:Postgres={database}",
            "--Sources:0:Id=x-trust", "--Sources:0:Platform=x", "--Sources:0:Enabled=false",
            $"--Sources:0:Settings:BaseAddress={fake.BaseAddress}", "--Sources:0:Settings:Query=Northshire", "--Sources:0:Settings:Token=t",
        ], output, CancellationToken.None);

        exit.ShouldBe(0);
        var printed = output.ToString();
        printed.ShouldContain("2 new mention(s) stored");
        printed.ShouldContain(script.ExternalId(Post.Number(1)));
        printed.ShouldContain($"\"mark\":\"{script.ExternalId(Post.Number(2))}\"");
        await using var data = NpgsqlDataSource.Create(database);
        await using var command = data.CreateCommand("select count(*) from mentions where source_id = 'x-trust'");
        (await command.ExecuteScalarAsync()).ShouldBe(2L);
        fake.Requests.Single().Header("Authorization").ShouldBe("Bearer t");

        // The health verb shows it next to a source never polled.
        using var health = new StringWriter();
        (await SourceCommands.ShowHealthAsync(
        [
            $"--ConnectionStrings:Postgres={database}", "--Sources:0:Id=x-trust", "--Sources:0:Platform=x",
            "--Sources:1:Id=rss-news", "--Sources:1:Platform=rss",
        ], health, CancellationToken.None)).ShouldBe(0);
        health.ToString().ShouldContain("x-trust (x, every 300 s)");
        health.ToString().ShouldContain("items last poll: 2; failures in a row: 0");
        health.ToString().ShouldContain("rss-news (rss, every 900 s)\n  never polled".Replace("\n", Environment.NewLine, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PollOnce_UnknownSource_ExitsWithTwoAndSaysWhichExist()
    {
        using var output = new StringWriter();

        var exit = await SourceCommands.PollOnceAsync("nope", ["--Sources:0:Id=x-trust", "--Sources:0:Platform=x"], output, CancellationToken.None);

        exit.ShouldBe(2);
        output.ToString().ShouldContain("Configured: x-trust");
    }
}
