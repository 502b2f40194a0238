using MassTransit;
using MentionWatch.Alerts;
using MentionWatch.Hosting;
using MentionWatch.Mentions;
using MentionWatch.Persistence;
using MentionWatch.Polling;
using MentionWatch.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MentionWatch.IntegrationTests.Sources;

/// <summary>The stopped-source watch on the real database: one alert to comms per incident, one note on recovery.</summary>
[Collection(ServersCollection.Name)]
public sealed class SourceWatchTests(ServersFixture servers) : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private readonly SourceSettings _source = new() { Id = "x-trust", Platform = "x", IntervalSeconds = 60 };
    private ServiceProvider _services = null!;
    private NpgsqlDataSource _database = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = await servers.CreateDatabaseAsync(),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddLogging();
        services.AddStorage(configuration).AddSourceAdapters(configuration);
        services.AddScoped<AlertRaiser>();
        services.AddMassTransit(x => x.UsingInMemory());
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        await _services.GetRequiredService<IBusControl>().StartAsync();
        _database = _services.GetRequiredService<NpgsqlDataSource>();
    }

    public async Task DisposeAsync()
    {
        await _services.GetRequiredService<IBusControl>().StopAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Check_SourceStopsPolling_OneAlertToCommsPerIncidentAndANoteOnRecovery()
    {
        await SucceedAsync();
        (await CheckAsync()).ShouldBeEmpty();

        _clock.Now += TimeSpan.FromMinutes(9);
        (await CheckAsync()).ShouldBeEmpty(); // under max(10 min, 3 intervals)

        _clock.Now += TimeSpan.FromMinutes(2);
        var raised = await CheckAsync();
        var notice = raised.ShouldHaveSingleItem();
        notice.Team.ShouldBe("comms");
        notice.Kind.ShouldBe(AlertKinds.SourceSilent);
        notice.Headline.ShouldContain("x-trust");

        // Checked every minute while it lasts: still one alert.
        _clock.Now += TimeSpan.FromMinutes(1);
        (await CheckAsync()).ShouldBeEmpty();
        (await ScalarAsync("select count(*) from alerts where kind = 'source_silent' and team = 'comms'")).ShouldBe(1);
        (await ScalarAsync("select count(*) from source_incidents where closed_at is null")).ShouldBe(1);

        await SucceedAsync();
        var recovered = (await CheckAsync()).ShouldHaveSingleItem();
        recovered.Headline.ShouldContain("recovered");
        (await ScalarAsync("select count(*) from alerts where kind = 'source_silent'")).ShouldBe(2);
        (await ScalarAsync("select count(*) from source_incidents where closed_at is not null")).ShouldBe(1);

        // A second outage is a new incident with its own alert.
        _clock.Now += TimeSpan.FromMinutes(15);
        (await CheckAsync()).ShouldHaveSingleItem();
        (await ScalarAsync("select count(*) from alerts where kind = 'source_silent'")).ShouldBe(3);
    }

    [Fact]
    public async Task Check_PollsSucceedButNothingArrivesForHours_QuietIncident()
    {
        // A day of arrivals every 10 minutes, the last one three hours ago; polls still succeed.
        var start = _clock.Now - TimeSpan.FromHours(27);
        _clock.Now = start;
        _services.GetRequiredService<SourceWatchStart>().At.ShouldBe(start); // this process has watched all along
        for (var i = 0; i < 144; i++)
        {
            _clock.Now = start + TimeSpan.FromMinutes(10 * i);
            await SucceedAsync(new FetchedMention
            {
                ExternalId = $"18510000000000{i:D5}", Platform = "x", Text = "Northshire", PostedAt = _clock.Now, RawPayload = "{}",
            });
        }

        _clock.Now = start + TimeSpan.FromHours(27);
        await SucceedAsync();

        var notice = (await CheckAsync()).ShouldHaveSingleItem();
        notice.Headline.ShouldContain("quiet");
        notice.Details[0].ShouldContain("usual longest gap is 10 minutes");
    }

    private async Task SucceedAsync(params FetchedMention[] mentions) =>
        await _services.GetRequiredService<MentionStore>().StorePageAsync(_source, new SourcePage { Mentions = mentions }, CancellationToken.None);

    private async Task<IReadOnlyList<Notice>> CheckAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SourceWatch>().CheckAsync([_source], CancellationToken.None);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = _database.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
