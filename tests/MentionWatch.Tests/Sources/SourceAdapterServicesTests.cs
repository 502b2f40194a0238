using MentionWatch.Polling;
using MentionWatch.Sources;
using MentionWatch.Sources.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentionWatch.Tests.Sources;

public sealed class SourceAdapterServicesTests
{
    [Fact]
    public void AddSourceAdapters_SampleSettings_EveryPlatformHasAnAdapterAndOptionsValidate()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepoPaths.Combine("appsettings.sample.json")).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSourceAdapters(configuration);
        using var provider = services.BuildServiceProvider();

        var platforms = provider.GetServices<IMentionSource>().Select(a => a.Platform).ToHashSet();
        var sources = new List<SourceSettings>();
        configuration.GetSection("Sources").Bind(sources);
        sources.Where(s => s.Platform != "replay").ShouldAllBe(s => platforms.Contains(s.Platform));
        provider.GetRequiredService<IOptions<SourceHttpOptions>>().Value.Resilience.BreakerFailureRatio.ShouldBe(0.5);
        provider.GetRequiredService<IOptions<SourceWatchOptions>>().Value.Team.ShouldBe("comms");
    }

    [Theory]
    // Set in configuration: kept.
    [InlineData("youtube", null, 600, 600)]
    // YouTube search costs 100 of the 10,000 daily units: 48 polls of up to two pages a day.
    [InlineData("youtube", null, null, 1800)]
    // Comment threads cost a few units: every 5 minutes.
    [InlineData("youtube", "comments", null, 300)]
    // X is billed per post read, not per request; 5 minutes keeps the 450-per-15-minute limit far away.
    [InlineData("x", null, null, 300)]
    // Instagram hashtag results span 24 hours and 30 hashtags a week: hourly is plenty.
    [InlineData("instagram", "hashtag", null, 3600)]
    // The replay adapter has no quota.
    [InlineData("replay", null, null, 60)]
    public void IntervalSeconds_Unset_DefaultsToWhatThePlatformQuotaAllows(string platform, string? mode, int? configured, int expected)
    {
        var source = new SourceSettings { Id = "s", Platform = platform };
        if (mode is not null) source.Settings["Mode"] = mode;
        if (configured is { } seconds) source.IntervalSeconds = seconds;

        source.IntervalSeconds.ShouldBe(expected);
    }
}
