using System.Net;
using System.Security.Cryptography;
using System.Text;
using MentionWatch.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace MentionWatch.Hosting;

/// <summary>
/// <c>/metrics</c> in Prometheus's text format: the <c>MentionWatch</c> meter, ASP.NET Core's request metrics and the
/// runtime's. Answered to a scraper with <see cref="MetricsOptions.ScrapeToken"/>, or, when none is set, only to a
/// request made on this machine: volumes and queue depths are operational detail, not for the trust's network at large.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>Adds the OpenTelemetry meter provider, its Prometheus exporter and the gauges' readings.</summary>
    public static IServiceCollection AddMetricsEndpoint(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IGaugeReadings, GaugeReadings>();
        services.AddMentionWatchMetrics();
        services.AddOpenTelemetry().ConfigureResource(r => r.AddService("mentionwatch")).WithMetrics(metrics => metrics
            .AddMeter(MentionWatchMetrics.MeterName, "System.Runtime")
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        // The gauges exist from the first scrape, before any poll or delivery has touched the metrics.
        app.Services.GetRequiredService<MentionWatchMetrics>();
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: b => b.Use(GuardAsync), optionsName: null);
        return app;
    }

    private static Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        var token = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value.ScrapeToken;
        if (!string.IsNullOrEmpty(token))
        {
            var sent = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
            if (!CryptographicOperations.FixedTimeEquals(sent, Encoding.UTF8.GetBytes("Bearer " + token)))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Task.CompletedTask;
            }
        }
        else if (!IsLocal(context))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>From this machine and not relayed: a proxy on the same host would otherwise make every request local.</summary>
    private static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
        && !context.Request.Headers.ContainsKey("X-Forwarded-For") && !context.Request.Headers.ContainsKey("Forwarded");
}
