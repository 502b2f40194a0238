namespace MentionWatch.IntegrationTests.Reliability;

[Collection(FaultsCollection.Name)]
public sealed class DeliveryFaultTests(FaultServersFixture servers, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task PostgresCrashedWhileAlertsAreBeingSent_EveryAlertReachesTheReceiverOnceById()
    {
        const int count = 500;
        var file = SampleReplay.Write(count, "delivery-fault");
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Hold();
        await using var pipeline = await Pipeline.StartAsync(servers, file, null, null, [.. Outcome.FaultArgs, .. WebhookOnly(receiver)]);

        // Deliveries under way: sent to the receiver, which has not answered yet.
        await Eventually.UntilAsync(() => Task.FromResult(receiver.Waiting >= 5), "five deliveries to be waiting for the receiver's answer");
        // Crashed (pg_ctl -m immediate) before they are answered: the sends go through while nothing can be recorded.
        await servers.StopPostgresAsync();
        receiver.Release();
        await pipeline.WaitUntilReadyAsync(false);
        await servers.StartPostgresAsync();
        await pipeline.WaitUntilReadyAsync(true);
        pipeline.Database.Clear();

        var settled = await Outcome.ShouldBeCompleteAsync(pipeline.Database, count);
        var sent = await Outcome.SentKeysAsync(pipeline.Database);
        var received = receiver.Received;
        var resent = await pipeline.CountAsync("select count(*) from audit_log where action = 'delivery.resent'");
        var late = await pipeline.CountAsync("select count(*) from audit_log where action = 'delivery.recorded-late'");
        var wireRepeats = received.Values.Sum(n => n - 1);
        output.WriteLine($"alerts {settled.Alerts}; deliveries received {received.Count}, of them sent more than once on the wire {wireRepeats}; recorded late {late}; re-sent after a cut-off send {resent}");

        var missing = sent.Except(received.Keys).ToList();
        Check.That(missing.Count == 0, $"{missing.Count} deliveries marked sent never reached the receiver, e.g. {string.Join(", ", missing.Take(5))}; {settled}");
        var unknown = received.Keys.Except(sent).ToList();
        Check.That(unknown.Count == 0, $"the receiver got {unknown.Count} deliveries not marked sent, e.g. {string.Join(", ", unknown.Take(5))}; {settled}");
        // The sends the crash cut off from their record were recorded by the process that made them, not sent again.
        Check.That(late >= 1, $"no delivery was sent while the database was down: the test proves nothing; {settled}");
        Check.Equal(wireRepeats, 0, "deliveries that reached the receiver more than once", settled);
    }

    [Fact]
    public async Task WorkerKilledWhileAlertsAreBeingSent_WebhookCannotBeAsked_SentAgainWithTheSameIdAndAudited()
    {
        const int count = 500;
        var file = SampleReplay.Write(count, "delivery-kill");
        await using var receiver = await WebhookReceiver.StartAsync();
        var database = await servers.CreateDatabaseAsync();
        await using var queues = servers.NewQueues("d");
        var args = Pipeline.Arguments(database, servers.RabbitMq, file, Path.Combine(Path.GetTempPath(), $"mw-alerts-{Guid.NewGuid():N}.jsonl"),
        [
            .. MentionWatch.Routing.RoutingOptions.Defaults().Keys.Select(team => $"--Routing:Teams:{team}:Delivery=Immediate"),
            .. Outcome.FaultArgs,
            .. WebhookOnly(receiver),
            queues.Argument,
        ]);
        await using var db = Npgsql.NpgsqlDataSource.Create(database);
        receiver.Hold();
        using (var first = WorkerKillTests.StartWorker(args))
        {
            await Eventually.UntilAsync(() => Task.FromResult(receiver.Waiting >= 5), "five deliveries to be waiting for the receiver's answer");
            first.Kill(entireProcessTree: true); // killed between its sends and their record
            await first.WaitForExitAsync();
        }

        // Claimed and not recorded: the sends under way (their requests held) and those about to start.
        var inDoubt = await Outcome.CountAsync(db, "select count(*) from deliveries where status = 'sending'");
        var cutOff = receiver.Arrived.Keys.ToList();
        receiver.Release();
        using var second = WorkerKillTests.StartWorker(args);
        try
        {
            var settled = await Outcome.ShouldBeCompleteAsync(db, count);
            var sent = await Outcome.SentKeysAsync(db);
            var resent = await Outcome.CountAsync(db, "select count(*) from audit_log where action = 'delivery.resent'");
            var wireRepeats = receiver.Arrived.Values.Sum(n => n - 1);
            output.WriteLine($"alerts {settled.Alerts}; claimed and unrecorded at the kill {inDoubt}, of them arrived {cutOff.Count}; sent again with the same id (audited) {resent}; arrived more than once {wireRepeats}");

            Check.That(sent.SetEquals(receiver.Received.Keys), $"deliveries marked sent {sent.Count}, answered by the receiver {receiver.Received.Count}; {settled}");
            Check.That(receiver.Received.Values.All(n => n == 1), $"a delivery was answered twice; {settled}");
            // The window that remains: a webhook cannot be asked, so each delivery the kill left claimed goes again, with
            // its id, audited; those that had already arrived arrive twice, and nothing else does.
            Check.Equal(resent, inDoubt, "re-sends audited against deliveries left claimed by the kill", settled);
            Check.Equal(wireRepeats, cutOff.Count, "deliveries that arrived twice against those that had arrived before the kill", settled);
            Check.That(cutOff.Count >= 5, $"only {cutOff.Count} deliveries had arrived before the kill: the test proves less than it says; {settled}");
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    /// <summary>Every team delivers by webhook to <paramref name="receiver"/> alone, signed with a key made for the run.</summary>
    private static IEnumerable<string> WebhookOnly(WebhookReceiver receiver)
    {
        var secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        return MentionWatch.Routing.RoutingOptions.Defaults().Keys.SelectMany(team => new[]
        {
            $"--Routing:Teams:{team}:Channels:0:Kind=webhook",
            $"--Routing:Teams:{team}:Channels:0:Address={receiver.Address}",
            $"--Routing:Teams:{team}:Channels:0:Secret={secret}",
        });
    }
}
