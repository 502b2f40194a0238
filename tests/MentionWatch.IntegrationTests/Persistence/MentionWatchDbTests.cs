using MentionWatch.Alerts;
using MentionWatch.Mentions;
using MentionWatch.Persistence;
using MentionWatch.Polling;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MentionWatch.IntegrationTests.Persistence;

[Collection(ServersCollection.Name)]
public sealed class MentionWatchDbTests(ServersFixture servers)
{
    [Fact]
    public async Task SaveChanges_EveryTable_RoundTripsThroughTheMigratedSchema()
    {
        await using var dataSource = NpgsqlDataSource.Create(await servers.CreateDatabaseAsync());
        await new Migrator(dataSource).MigrateAsync(CancellationToken.None);
        var options = new DbContextOptionsBuilder<MentionWatchDb>().UseNpgsql(dataSource).Options;
        var now = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);
        const string payload = """{"id": "42", "text": "hello"}""";

        long mentionId, verdictId, alertId, deliveryId, quarantineId, auditId;
        await using (var db = new MentionWatchDb(options))
        {
            db.Sources.Add(new SourceState { Id = "replay-1", Platform = "replay", Cursor = "c1", LastPollAt = now, ItemsLastPoll = 3 });
            var mention = new Mention
            {
                SourceId = "replay-1", Platform = "replay", ExternalId = "42", AuthorHandle = "alice", Text = "hello",
                PostedAt = now.AddMinutes(-5), FirstSeenAt = now, RawPayload = payload, RawSha256 = "abc", AuthorVerified = true,
            };
            db.Mentions.Add(mention);
            await db.SaveChangesAsync();

            var verdict = new Verdict { MentionId = mention.Id, ClassifierVersion = "v1", Labels = ["threat", "abuse"], Urgent = true, Reasons = ["rule:x"], CreatedAt = now };
            var alert = new Alert { MentionId = mention.Id, Team = "safety", Labels = ["threat"], Urgent = true, RaisedAt = now };
            db.Verdicts.Add(verdict);
            db.Alerts.Add(alert);
            await db.SaveChangesAsync();

            var delivery = new Delivery { AlertId = alert.Id, Channel = "email", IdempotencyKey = "k-1", Status = "pending", Attempts = 1, CreatedAt = now };
            var quarantine = new QuarantineEntry { SourceId = "replay-1", Reason = "too long", Payload = "xyz", PayloadLength = 3, PayloadSha256 = "def", ReceivedAt = now };
            var audit = new AuditEntry { At = now, Actor = "bob", Action = "reclassify", EntityType = "mention", EntityId = mention.Id.ToString(), Detail = "d" };
            db.AddRange(delivery, quarantine, audit);
            await db.SaveChangesAsync();
            (mentionId, verdictId, alertId, deliveryId, quarantineId, auditId) = (mention.Id, verdict.Id, alert.Id, delivery.Id, quarantine.Id, audit.Id);
        }

        await using var read = new MentionWatchDb(options);
        var source = await read.Sources.AsNoTracking().SingleAsync(s => s.Id == "replay-1");
        source.Cursor.ShouldBe("c1");
        source.LastPollAt.ShouldBe(now);
        source.ItemsLastPoll.ShouldBe(3);
        var m = await read.Mentions.AsNoTracking().SingleAsync(x => x.Id == mentionId);
        m.RawPayload.ShouldBe(payload);
        m.AuthorHandle.ShouldBe("alice");
        m.AuthorVerified.ShouldBeTrue();
        m.PostedAt.ShouldBe(now.AddMinutes(-5));
        m.PublishedAt.ShouldBeNull();
        var v = await read.Verdicts.AsNoTracking().SingleAsync(x => x.Id == verdictId);
        v.Labels.ShouldBe(["threat", "abuse"]);
        v.Reasons.ShouldBe(["rule:x"]);
        v.DecidedBy.ShouldBeNull();
        var a = await read.Alerts.AsNoTracking().SingleAsync(x => x.Id == alertId);
        a.Labels.ShouldBe(["threat"]);
        a.State.ShouldBe("open");
        a.HoldPublicReply.ShouldBeTrue();
        a.RaisedAt.ShouldBe(now);
        var d = await read.Deliveries.AsNoTracking().SingleAsync(x => x.Id == deliveryId);
        d.AlertId.ShouldBe(alertId);
        d.IdempotencyKey.ShouldBe("k-1");
        d.Attempts.ShouldBe(1);
        var q = await read.Quarantine.AsNoTracking().SingleAsync(x => x.Id == quarantineId);
        q.Payload.ShouldBe("xyz");
        q.PayloadLength.ShouldBe(3);
        var audit2 = await read.AuditLog.AsNoTracking().SingleAsync(x => x.Id == auditId);
        audit2.Actor.ShouldBe("bob");
        audit2.EntityId.ShouldBe(mentionId.ToString());
        audit2.At.ShouldBe(now);
    }
}
