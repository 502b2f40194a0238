using MentionWatch.Polling;
using MentionWatch.Sources.CareOpinion;
using MentionWatch.Sources.Facebook;
using MentionWatch.Sources.Feeds;
using MentionWatch.Sources.Http;
using MentionWatch.Sources.Instagram;
using MentionWatch.Sources.Reddit;
using MentionWatch.Sources.X;
using MentionWatch.Sources.YouTube;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentionWatch.Sources;

/// <summary>Registers the platform adapters and the HTTP plumbing they share.</summary>
public static class SourceAdapterServices
{
    /// <summary>Platforms served over HTTP, each with its own named client (<see cref="SourceHttpClient.ClientName"/>).</summary>
    public static readonly string[] HttpPlatforms = ["x", "rss", "reddit", "careopinion", "facebook", "instagram", "youtube"];

    /// <summary>
    /// Adds every platform adapter as an <see cref="IMentionSource"/>, <see cref="SourceHttpOptions"/> from
    /// <c>Polling:Http</c> (validated at start), one pipeline per source, one <see cref="HostPoliteness"/> shared by every
    /// source (rate and backoff per host), a named client per platform, and the
    /// stopped-source watch (<see cref="SourceWatch"/>, <c>Polling:Watch</c>; its job is scheduled by
    /// <see cref="SourceWatchJob.Schedule"/>).
    /// </summary>
    public static IServiceCollection AddSourceAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SourceHttpOptions>().Bind(configuration.GetSection(SourceHttpOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SourceWatchOptions>().Bind(configuration.GetSection(SourceWatchOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddScoped<SourceWatch>();
        services.TryAddSingleton<SourceWatchStart>();
        services.TryAddSingleton<SourcePipelines>();
        services.TryAddSingleton<HostPoliteness>();
        services.TryAddSingleton<InstagramHashtagBudget>();
        services.TryAddSingleton<SourceHttpClient>();
        services.TryAddTransient<SourceHttpHandler>();
        foreach (var platform in HttpPlatforms)
        {
            services.AddHttpClient(SourceHttpClient.ClientName(platform))
                .AddHttpMessageHandler<SourceHttpHandler>()
                // A few redirects are followed; a bad Care Opinion key lands on an HTML login page, which the
                // content-type check quarantines with the reason.
                .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
                {
                    AllowAutoRedirect = true,
                    MaxAutomaticRedirections = 3,
                    AutomaticDecompression = System.Net.DecompressionMethods.All,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                });
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMentionSource, XSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMentionSource, FeedSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMentionSource, RedditSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMentionSource, CareOpinionSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMentionSource, FacebookSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMentionSource, InstagramSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMentionSource, YouTubeSource>());
        return services;
    }
}
