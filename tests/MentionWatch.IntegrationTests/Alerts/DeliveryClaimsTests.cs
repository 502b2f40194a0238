using MentionWatch.Alerts;
using MentionWatch.Persistence;
using Npgsql;

namespace MentionWatch.IntegrationTests.Alerts;

[Collection(ServersCollection.Name)]
public sealed class DeliveryClaimsTests(ServersFixture servers)
{
    private const string Key = "alert-1-email-0";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly TestClock _clock = new();

    [Fact]
    public async Task Claim_WhileAnotherWorkerHoldsTheLease_BusyUntilItRunsOut_ThenInDoubt()
    {
        var (db, claims, alert) = await StartAsync();
        await using var disposeAtEnd = db;
        Guid holder = Guid.NewGuid(), other = Guid.NewGuid();

        (await claims.ClaimAsync(alert, "email", Key, holder, Lease, default)).ShouldBe(new DeliveryClaim(ClaimOutcome.Claimed, 1, false));
        (await claims.ClaimAsync(alert, "email", Key, other, Lease, default)).Outcome.ShouldBe(ClaimOutcome.Busy);
        // Another delivery of the same alert is not held up.
        (await claims.ClaimAsync(alert, "teams", "alert-1-teams-1", other, Lease, default)).Outcome.ShouldBe(ClaimOutcome.Claimed);

        _clock.Advance(Lease - TimeSpan.FromSeconds(1));
        (await claims.ClaimAsync(alert, "email", Key, other, Lease, default)).Outcome.ShouldBe(ClaimOutcome.Busy);
        _clock.Advance(TimeSpan.FromSeconds(1));

        // The holder died mid-send: the delivery may have gone.
        (await claims.ClaimAsync(alert, "email", Key, other, Lease, default)).ShouldBe(new DeliveryClaim(ClaimOutcome.Claimed, 2, true));
        (await claims.ClaimAsync(alert, "email", Key, holder, Lease, default)).Outcome.ShouldBe(ClaimOutcome.Busy);
    }

    [Fact]
    public async Task Claim_SameTokenAfterItsRecordFailed_TakenOverAtOnceInDoubt()
    {
        var (db, claims, alert) = await StartAsync();
        await using var disposeAtEnd = db;
        var token = Guid.NewGuid();
        await claims.ClaimAsync(alert, "email", Key, token, Lease, default);

        (await claims.ClaimAsync(alert, "email", Key, token, Lease, default)).ShouldBe(new DeliveryClaim(ClaimOutcome.Claimed, 2, true));
    }

    [Fact]
    public async Task Claim_AfterSentFailedOrAbandoned_AnswersFromTheRow()
    {
        var (db, claims, alert) = await StartAsync();
        await using var disposeAtEnd = db;
        await claims.ClaimAsync(alert, "email", Key, Guid.NewGuid(), Lease, default);
        await claims.MarkFailedAsync(alert, Key, "smtp: 451 try later");

        // A failed attempt is over (not in doubt): any worker may try again at once.
        (await claims.ClaimAsync(alert, "email", Key, Guid.NewGuid(), Lease, default)).ShouldBe(new DeliveryClaim(ClaimOutcome.Claimed, 2, false));
        await claims.MarkSentAsync(alert, Key);
        (await claims.ClaimAsync(alert, "email", Key, Guid.NewGuid(), Lease, default)).Outcome.ShouldBe(ClaimOutcome.AlreadySent);

        await claims.ClaimAsync(alert, "teams", "alert-1-teams-1", Guid.NewGuid(), Lease, default);
        await claims.AbandonAsync(alert, "alert-1-teams-1", "teams: 404", "teams gave up after 3 attempts (teams: 404); no fallback channel left");
        (await claims.ClaimAsync(alert, "teams", "alert-1-teams-1", Guid.NewGuid(), Lease, default)).Outcome.ShouldBe(ClaimOutcome.GivenUp);

        await using var rows = db.CreateCommand(
            "select string_agg(idempotency_key || ' ' || status || ' ' || attempts || ' ' || (lease_until is null), ', ' order by id) from deliveries");
        (await rows.ExecuteScalarAsync()).ShouldBe("alert-1-email-0 sent 2 true, alert-1-teams-1 abandoned 1 true");
        await using var audit = db.CreateCommand("select string_agg(action || ': ' || detail, '; ') from audit_log where entity_id = @alert::text");
        audit.Parameters.AddWithValue("alert", alert);
        (await audit.ExecuteScalarAsync()).ShouldBe("delivery.abandoned: teams gave up after 3 attempts (teams: 404); no fallback channel left");
    }

    [Fact]
    public async Task MarkSent_WithAudit_WrittenTogether()
    {
        var (db, claims, alert) = await StartAsync();
        await using var disposeAtEnd = db;
        await claims.ClaimAsync(alert, "console", "alert-1-console-0", Guid.NewGuid(), Lease, default);

        await claims.MarkSentAsync(alert, "alert-1-console-0", ("delivery.confirmed", "the channel says it went"));

        await using var audit = db.CreateCommand("select action || ': ' || detail from audit_log where entity_id = @alert::text");
        audit.Parameters.AddWithValue("alert", alert);
        (await audit.ExecuteScalarAsync()).ShouldBe("delivery.confirmed: the channel says it went");
    }

    private async Task<(NpgsqlDataSource Db, DeliveryClaims Claims, long Alert)> StartAsync()
    {
        var db = NpgsqlDataSource.Create(await servers.CreateDatabaseAsync());
        await new Migrator(db).MigrateAsync(CancellationToken.None);
        await using var insert = db.CreateCommand(
            "insert into alerts (subject, team, labels, urgent, raised_at, kind) values ('test-1', 'pals', '{complaint}', false, @now, 'mention') returning id");
        insert.Parameters.AddWithValue("now", _clock.GetUtcNow());
        var alert = (long)(await insert.ExecuteScalarAsync())!;
        return (db, new DeliveryClaims(db, _clock), alert);
    }
}
