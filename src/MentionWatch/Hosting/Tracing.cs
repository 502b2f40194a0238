using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MentionWatch.Hosting;

/// <summary>
/// Traces of a mention's way through the service — web requests, calls to the platforms and alert channels, SQL,
/// and MassTransit's publish, send and consume — sent over OTLP to the collector the operator names in
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> and <c>OTEL_EXPORTER_OTLP_HEADERS</c>
/// as OpenTelemetry defines them). Without an endpoint nothing is traced, so nothing is spent on it.
/// </summary>
public static class Tracing
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>MassTransit 8's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string MassTransitSource = "MassTransit";

    /// <summary>Npgsql's own source (what Npgsql.OpenTelemetry's <c>AddNpgsql()</c> adds), so Npgsql needs no second package.</summary>
    public const string NpgsqlSource = "Npgsql";

    public static IServiceCollection AddTracing(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointKey])) return services;
        services.AddOpenTelemetry().ConfigureResource(r => r.AddService("mentionwatch")).WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
            .AddHttpClientInstrumentation()
            .AddSource(NpgsqlSource, MassTransitSource)
            .AddOtlpExporter());
        return services;
    }

    /// <summary>Health probes and scrapes every few seconds would bury the traces worth reading.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments(MetricsEndpoint.Path, StringComparison.Ordinal);
}
