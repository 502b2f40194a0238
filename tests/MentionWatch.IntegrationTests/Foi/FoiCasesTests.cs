using System.Globalization;
using MassTransit;
using MentionWatch.Contracts;
using MentionWatch.Foi;
using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.IntegrationTests.Foi;

[Collection(ServersCollection.Name)]
public sealed class FoiCasesTests(ServersFixture servers)
{
    [Fact]
    public async Task OpenForMentionAsync_SameMentionManyTimesAtOnce_OneCaseOneHistoryEntryOneAuditRow()
    {
        await using var db = await FoiDatabase.CreateAsync(servers, Instant("2025-10-14T09:00:00+01:00"));
        // Posted Friday 10 Oct at 23:30 UTC, which is Saturday 00:30 in London; first seen only on Tuesday 14 Oct.
        var mention = await db.InsertMentionAsync("1", Instant("2025-10-10T23:30:00Z"), Instant("2025-10-14T08:59:00+01:00"));

        // Redelivered classify messages racing on several consumers.
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => db.OpenForMentionAsync(mention)));

        ids.Distinct().Count().ShouldBe(1);
        ids[0].ShouldNotBeNull();
        (await db.CountAsync("select count(*) from foi_cases")).ShouldBe(1);
        (await db.CountAsync("select count(*) from foi_case_events")).ShouldBe(1);
        (await db.CountAsync("select count(*) from audit_log where action = 'foi_case.opened'")).ShouldBe(1);
        var opened = (await db.Service.GetAsync(ids[0]!.Value, default))!.Status.Case;
        // Received when posted (Saturday 11 Oct in London), not when first seen: due Friday 7 Nov, not Tuesday 11 Nov.
        opened.ReceivedAt.ShouldBe(Instant("2025-10-10T23:30:00Z"));
        opened.ReceivedOn.ShouldBe(Date("2025-10-11"));
        opened.DueDate.ShouldBe(Date("2025-11-07"));
        opened.MentionId.ShouldBe(mention);
        opened.Requester.ShouldBe("requester");
    }

    [Fact]
    public async Task OpenForMentionAsync_MentionGone_NoCase()
    {
        await using var db = await FoiDatabase.CreateAsync(servers, Instant("2025-10-14T09:00:00+01:00"));

        (await db.OpenForMentionAsync(12345)).ShouldBeNull();
        (await db.CountAsync("select count(*) from foi_cases")).ShouldBe(0);
    }

    [Fact]
    public async Task ClassifyConsumer_FoiRequestRedelivered_OneCaseFromPostedAt()
    {
        // The sample's FOI request on WhatDoTheyKnow, posted Thursday 22 Oct 2026 09:03 UTC: due Thursday 19 Nov.
        var line = File.ReadLines(Path.Combine(RepoPaths.Root, "deploy/sample/mentions.jsonl")).First(l => l.Contains("\"sample-0006\"", StringComparison.Ordinal));
        var replay = Path.Combine(Path.GetTempPath(), $"mw-foi-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(replay, [line]);
        var database = await servers.CreateDatabaseAsync();
        var time = new TestClock(Instant("2026-10-26T10:00:00Z"));
        await using var host = await FoiHost.StartAsync(servers, database, time, replay);
        await using var data = Npgsql.NpgsqlDataSource.Create(database);
        await FoiHost.WaitUntilAsync(data, "select count(*) from foi_cases", 1);

        // The broker redelivers the classify message three more times.
        var mentionId = await FoiHost.CountAsync(data, "select id from mentions");
        var bus = host.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedCounter();
        using var observing = bus.ConnectConsumeObserver(consumed);
        for (var i = 0; i < 3; i++)
        {
            await bus.Publish(new MentionReceived { MentionId = mentionId });
        }

        await Eventually.UntilAsync(() => Task.FromResult(consumed.Count >= 3), "the three copies to be consumed");
        (await FoiHost.CountAsync(data, "select count(*) from foi_cases")).ShouldBe(1);
        (await FoiHost.CountAsync(data, "select count(*) from foi_case_events")).ShouldBe(1);
        var detail = (await host.Cases.ListAsync(includeFinished: true, default)).Single().Case;
        detail.ReceivedAt.ShouldBe(Instant("2026-10-22T09:03:11Z"));
        detail.DueDate.ShouldBe(Date("2026-11-19"));
        detail.MentionId.ShouldBe(mentionId);
    }

    private sealed class ConsumedCounter : IConsumeObserver
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.Message is MentionReceived) Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
