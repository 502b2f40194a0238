using MentionWatch.Alerts;
using MentionWatch.Foi;
using MentionWatch.Persistence;
using MentionWatch.Sources.Instagram;
using MentionWatch.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace MentionWatch.Hosting;

/// <summary>Builds the one host: worker (Quartz, MassTransit) and web endpoints.</summary>
public static class MentionWatchHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services
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
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("postgres", tags: ["ready"]);
        configure?.Invoke(builder);

        var app = builder.Build();
        // Live unless the message bus is stuck (see BusLivenessCheck): a restart is what fixes that.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
        // MassTransit registers its bus check with the "ready" tag: ready means database and broker reachable.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapAlertAcknowledgement();
        app.MapInstagramWebhook();
        app.MapWeb();
        return app;
    }

    /// <summary>Migrates (safe with several instances starting at once), then runs until stopped.</summary>
    public static async Task RunAsync(WebApplication app, CancellationToken ct)
    {
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
        await app.RunAsync();
    }
}
