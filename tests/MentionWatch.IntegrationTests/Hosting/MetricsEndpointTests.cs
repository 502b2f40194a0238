using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace MentionWatch.IntegrationTests.Hosting;

/// <summary><c>/metrics</c> as Prometheus scrapes it, from the whole service on the real servers.</summary>
[Collection(ServersCollection.Name)]
public sealed class MetricsEndpointTests(ServersFixture servers, ITestOutputHelper output)
{
    /// <summary>Every metric of the MentionWatch meter, by its Prometheus name.</summary>
    private static readonly string[] Names =
    [
        "mentionwatch_source_mentions_fetched_total{",
        "mentionwatch_source_mentions_stored_total{",
        "mentionwatch_source_cursor_age_seconds{",
        "mentionwatch_deliveries_sent_total{",
        "mentionwatch_alert_posted_to_raised_seconds_bucket{",
        "mentionwatch_alert_stored_to_raised_seconds_bucket{",
        "mentionwatch_alerts_awaiting_acknowledgement{",
        "mentionwatch_alerts_past_target{",
        "mentionwatch_foi_cases_due_within_5_working_days ",
        "mentionwatch_foi_cases_overdue ",
        "mentionwatch_mentions_unpublished ",
        "mentionwatch_mentions_unclassified_age_seconds ",
        "mentionwatch_queue_messages{",
        "mentionwatch_queue_consumers{",
        // ASP.NET Core's own, from the instrumentation.
        "http_server_request_duration_seconds_bucket{",
    ];

    [Fact]
    public async Task Metrics_AfterMentionsWentThrough_EveryMetricCountsAndTagsOnly()
    {
        await using var pipeline = await Pipeline.StartAsync(servers, SampleReplay.Write(40, "metrics"));
        await pipeline.WaitUntilAsync("select count(*) from deliveries where status = 'sent'", n => n > 0);
        using var http = new HttpClient { BaseAddress = pipeline.Address };
        // One request first, so that ASP.NET Core's request duration has something to show.
        (await http.GetAsync("/health/live")).EnsureSuccessStatusCode();

        var text = await Eventually.ReachesAsync(() => http.GetStringAsync("/metrics"), t => Names.All(t.Contains), "every metric on /metrics");
        output.WriteLine(string.Join('\n', text.Split('\n').Where(l => l.StartsWith("mentionwatch_", StringComparison.Ordinal))));

        text.ShouldContain("""mentionwatch_source_mentions_stored_total{otel_scope_name="MentionWatch",source="test-replay"}""");
        text.ShouldContain("""channel="console""");
        text.ShouldContain("-classify-mention\"");
        text.ShouldContain("-deliver-alert_error\"");
        // Counts and configuration names only: nothing of a post or its author.
        await using var command = pipeline.Database.CreateCommand("select author_handle, text, external_id from mentions");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!reader.IsDBNull(0)) text.ShouldNotContain(reader.GetString(0));
            text.ShouldNotContain(reader.GetString(1)[..Math.Min(30, reader.GetString(1).Length)]);
            text.ShouldNotContain(reader.GetString(2));
        }

        // The dashboard asks only for what is exported (the failure counters appear with their first failure).
        var dashboard = await File.ReadAllTextAsync(RepoPaths.Combine("deploy/grafana/mentionwatch.json"));
        foreach (var name in Regex.Matches(dashboard, "mentionwatch_[a-z0-9_]+").Select(m => m.Value).Distinct()
                     .Where(n => !n.Contains("failed", StringComparison.Ordinal) && !n.Contains("quarantined", StringComparison.Ordinal)))
        {
            text.ShouldContain(name);
        }

        // Without a scrape token, only this machine is answered: not a request a proxy relayed.
        using var relayed = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { "X-Forwarded-For", "203.0.113.7" } } };
        (await http.SendAsync(relayed)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Metrics_ScrapeTokenSet_OnlyWithTheToken()
    {
        const string token = "scrape-token-0123456789abcdef";
        await using var pipeline = await Pipeline.StartAsync(servers, SampleReplay.Write(0, "metrics-token"), null, null, $"--Metrics:ScrapeToken={token}");
        using var http = new HttpClient { BaseAddress = pipeline.Address };

        (await http.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
        (await http.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var scraped = await http.GetAsync("/metrics");

        scraped.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await scraped.Content.ReadAsStringAsync()).ShouldContain("mentionwatch_foi_cases_overdue");
    }
}
