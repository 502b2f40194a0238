using MentionWatch.Alerts;
using MentionWatch.Foi;
using MentionWatch.Persistence;
using MentionWatch.Sources.Instagram;
using MentionWatch.Time;
using MentionWatch.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace MentionWatch.Hosting;

/// <summary>Builds the one host: worker (Quartz, MassTransit) and web endpoints.</summary>
public static class MentionWatchHost
{
    /// <summary>Longest a readiness probe waits for PostgreSQL before calling it unreachable.</summary>
    private static readonly TimeSpan ReadyCheckTimeout = TimeSpan.FromSeconds(5);

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services
            .AddTrustTime(builder.Configuration)
            .AddStorage(builder.Configuration)
            .AddTriage(builder.Configuration)
            .AddRouting(builder.Configuration)
            .AddPolling(builder.Configuration)
            .AddMessaging(builder.Configuration)
            .AddFoiClock()
            .AddAlertTiming(builder.Configuration)
            .AddFoiCases(builder.Configuration);
        builder.Services.AddWeb(builder.Configuration);
        builder.Services.AddInstagramWebhook(builder.Configuration);
        builder.Services.AddMetricsEndpoint(builder.Configuration);
        builder.Services.AddTracing(builder.Configuration);
        // Ready: PostgreSQL answers "select 1" on the service's own data source (AspNetCore.HealthChecks.NpgSql), and the
        // bus is connected (MassTransit's own "masstransit-bus" check, registered with the "ready" tag by AddMassTransit).
        builder.Services.AddHealthChecks().AddNpgSql(
            sp => sp.GetRequiredService<NpgsqlDataSource>(), name: "postgres", tags: ["ready"], timeout: ReadyCheckTimeout);
        configure?.Invoke(builder);

        var app = builder.Build();
        // Live unless the message bus is stuck (see BusLivenessCheck): a restart is what fixes that.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live"), ResponseWriter = WriteHealthAsync });
        // 200 when database and broker are reachable, 503 otherwise.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealthAsync });
        app.MapMetrics();
        app.MapAlertAcknowledgement();
        app.MapInstagramWebhook();
        app.MapWeb();
        return app;
    }

    /// <summary>
    /// The overall status and each check's, by name: <c>{"status":"Unhealthy","checks":{"postgres":"Healthy",...}}</c>.
    /// No descriptions or exceptions, which can name hosts; the logs have those.
    /// </summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        });
    }

    /// <summary>Migrates (safe with several instances starting at once), then runs until stopped.</summary>
    public static async Task RunAsync(WebApplication app, CancellationToken ct)
    {
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
        await app.RunAsync();
    }
}
