using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace MentionWatch.Alerts.Channels;

/// <summary>
/// Signs each attempt to GOV.UK Notify with a fresh bearer JWT. It sits inside the resilience handler, so a retry
/// after a Retry-After wait does not re-send a token Notify would reject as more than 30 seconds old.
/// </summary>
internal sealed class NotifyAuthenticationHandler : DelegatingHandler
{
    private readonly IOptions<NotifyChannelOptions> _options;
    private readonly TimeProvider _timeProvider;

    public NotifyAuthenticationHandler(IOptions<NotifyChannelOptions> options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!NotifyApiKey.TryParse(_options.Value.ApiKey, out var key))
        {
            throw new InvalidOperationException("Alerts:Notify:ApiKey is not configured.");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.CreateToken(_timeProvider.GetUtcNow()));
        return base.SendAsync(request, cancellationToken);
    }
}
