using MentionWatch.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MentionWatch.Web;

/// <summary>
/// Whether MentionWatch may be used over plain HTTP: only in the Development environment or with
/// <see cref="WebOptions.AllowPlainHttp"/> (the demo on this machine). Otherwise the sign-in and antiforgery cookies
/// are marked <c>Secure</c>, so a browser never sends them unencrypted, and the service refuses to start while
/// <c>Routing:PublicBaseAddress</c> (the address in every alert's links) is not https.
/// </summary>
internal sealed class PlainHttp(IOptions<WebOptions> web, IHostEnvironment environment) : IValidateOptions<RoutingOptions>
{
    public bool Allowed => web.Value.AllowPlainHttp || environment.IsDevelopment();

    public CookieSecurePolicy CookiePolicy => Allowed ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    public ValidateOptionsResult Validate(string? name, RoutingOptions options) =>
        Allowed || options.PublicBaseAddress.Scheme == Uri.UriSchemeHttps
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Routing:PublicBaseAddress is {options.PublicBaseAddress}: the links in alerts must be https outside development "
                + "(set it to the address people open, e.g. https://mentionwatch.example.nhs.uk/, or Web:AllowPlainHttp=true for a trial on this machine).");
}
