namespace MentionWatch.Sources.Instagram;

/// <summary>Registers and maps the Instagram mentions webhook (<see cref="InstagramWebhook"/>).</summary>
public static class InstagramWebhookServices
{
    public static IServiceCollection AddInstagramWebhook(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InstagramWebhookOptions>().Bind(configuration.GetSection(InstagramWebhookOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<InstagramWebhook>();
        return services;
    }

    /// <summary>
    /// <c>GET</c>/<c>POST /webhooks/instagram</c>, open without sign-in: Meta proves itself with the verify token
    /// and the body signature instead.
    /// </summary>
    public static IEndpointRouteBuilder MapInstagramWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(InstagramWebhook.Path, (HttpRequest request, InstagramWebhook webhook) => webhook.Verify(request)).AllowAnonymous();
        endpoints.MapPost(InstagramWebhook.Path, (HttpRequest request, InstagramWebhook webhook, CancellationToken ct) => webhook.ReceiveAsync(request, ct))
            .AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }
}
