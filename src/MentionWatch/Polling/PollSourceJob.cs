using MentionWatch.Contracts;
using MentionWatch.Mentions;
using MentionWatch.Metrics;
using MentionWatch.Sources;
using MentionWatch.Sources.Http;
using Microsoft.Extensions.Options;
using Quartz;

namespace MentionWatch.Polling;

/// <summary>
/// Polls one source (the job key is the source id): fetch a page after the stored cursor, store it with the new
/// cursor in one transaction, publish <see cref="MentionReceived"/> for what was new, and go on while the platform
/// has more. A failure records the reason on the source's health; the next trigger tries again. Publishing is
/// second: if the broker is down, <see cref="RepublishSweepJob"/> publishes what was stored.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PollSourceJob(
    IOptions<PollingOptions> options,
    IEnumerable<IMentionSource> adapters,
    MentionStore store,
    MentionPublisher publisher,
    MentionWatchMetrics metrics,
    TimeProvider time,
    ILogger<PollSourceJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var sourceId = context.JobDetail.Key.Name;
        var source = options.Value.Sources.FirstOrDefault(s => s.Id == sourceId);
        if (source is null) return;
        var started = time.GetUtcNow();
        var stored = await PollAsync(source, cancellationToken);
        await store.RecordPollRunAsync(source.Id, context.Scheduler.SchedulerInstanceId, started, time.GetUtcNow(), stored, cancellationToken);
    }

    /// <summary>One poll of one source; returns how many new mentions were stored.</summary>
    public async Task<int> PollAsync(SourceSettings source, CancellationToken ct)
    {
        var adapter = adapters.FirstOrDefault(a => a.Platform == source.Platform)
                      ?? throw new InvalidOperationException($"No adapter for platform '{source.Platform}'.");
        if (await store.GetBackoffUntilAsync(source.Id, ct) is { } until && until > time.GetUtcNow()) return 0;

        var stored = 0;
        var scopes = adapter.ThrottleScopesOf(source);
        var cursor = await store.GetCursorAsync(source.Id, ct);
        // A page is published while the next is fetched and stored: one page in flight, in order. What is stored
        // is safe either way; what a failed publish leaves unmarked, the sweeper publishes.
        var publishing = Task.CompletedTask;
        try
        {
            if (await store.GetScopeBackoffAsync(scopes, ct) is { } shared)
            {
                throw new SourceThrottledException(shared.Until, $"{shared.Reason} (answered to source {shared.SourceId})")
                {
                    Scope = shared.Scope,
                    Limit = ThrottleScopes.LimitOf(shared.Scope),
                };
            }

            for (var page = 0; page < options.Value.MaxPagesPerPoll; page++)
            {
                var result = await adapter.FetchAsync(source, cursor, ct);
                var newIds = await store.StorePageAsync(source, result, ct, continuesPoll: page > 0);
                stored += newIds.Count;
                metrics.PageFetched(source.Id, result.Mentions.Count, newIds.Count, result.Quarantined.Count);
                foreach (var q in result.Quarantined) Log.Quarantined(logger, source.Id, q.Reason);
                if (result.SharedPause is { } pause) await store.RecordScopeBackoffAsync(pause.Scope, pause.Until, pause.Reason, source.Id, ct);
                await publishing;
                publishing = publisher.TryPublishAsync(newIds, ct);
                cursor = result.NextCursor ?? cursor;
                if (!result.HasMore) break;
            }

            await publishing;
        }
        catch (SourceThrottledException e)
        {
            var reason = e.Scope is { } scope ? ThrottleScopes.Describe(scope, e.Until, e.Message) : e.Message;
            Log.Throttled(logger, source.Id, e.Until, reason);
            metrics.PollFailed(source.Id);
            metrics.Throttled(source.Id, e.Scope is null ? LimitScope.Source : e.Limit);
            if (e.Scope is not null) await store.RecordScopeBackoffAsync(e.Scope, e.Until, e.Message, source.Id, ct);
            await store.RecordFailureAsync(source, $"throttled: {reason}", e.Until, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.PollFailed(logger, e, source.Id);
            metrics.PollFailed(source.Id);
            await store.RecordFailureAsync(source, e.Message, null, ct);
        }
        finally
        {
            // A page still being published when a later page failed finishes before the poll's scope ends.
            await publishing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (stored > 0) Log.Stored(logger, source.Id, stored);
        return stored;
    }
}
