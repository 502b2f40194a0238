using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MentionWatch.TestKit;

/// <summary>Starts a bare host with one feature's registrations, as the service starts, to see what its options refuse.</summary>
public static class StartupValidation
{
    /// <summary>
    /// The validation failures a host with <paramref name="register"/>'s services reports at start under
    /// <paramref name="settings"/>; empty when it starts (it is stopped again at once).
    /// </summary>
    public static async Task<IReadOnlyList<string>> FailuresAsync(
        IDictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> register)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        register(builder.Services, builder.Configuration);
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
            await host.StopAsync();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToList();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            return e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures).ToList();
        }
    }
}
