using MentionWatch.Alerts;
using Npgsql;

namespace MentionWatch.IntegrationTests.Alerts;

[Collection(ServersCollection.Name)]
public sealed class DeliveryGuardTests(ServersFixture servers)
{
    [Fact]
    public async Task TryAcquire_WhileAnotherConsumerSends_RefusedUntilItFinishes()
    {
        await using var database = NpgsqlDataSource.Create(await servers.CreateDatabaseAsync());

        await using (var first = await DeliveryGuard.TryAcquireAsync(database, "alert-1-email-0", CancellationToken.None))
        {
            first.ShouldNotBeNull();
            (await DeliveryGuard.TryAcquireAsync(database, "alert-1-email-0", CancellationToken.None)).ShouldBeNull();
            // Another delivery is not held up.
            await using var other = await DeliveryGuard.TryAcquireAsync(database, "alert-1-teams-1", CancellationToken.None);
            other.ShouldNotBeNull();
        }

        await using var again = await DeliveryGuard.TryAcquireAsync(database, "alert-1-email-0", CancellationToken.None);
        again.ShouldNotBeNull();
    }

    [Fact]
    public async Task TryAcquire_HolderConnectionDies_LockReleased()
    {
        await using var database = NpgsqlDataSource.Create(await servers.CreateDatabaseAsync());
        var holder = await DeliveryGuard.TryAcquireAsync(database, "alert-2-email-0", CancellationToken.None);
        holder.ShouldNotBeNull();

        // A worker killed mid-send: PostgreSQL ends its backend, and its locks with it.
        await using (var kill = database.CreateCommand(
            """
            select pg_terminate_backend(pid) from pg_locks
            where locktype = 'advisory' and pid <> pg_backend_pid()
              and database = (select oid from pg_database where datname = current_database())
            """))
        {
            await kill.ExecuteNonQueryAsync();
        }

        // Termination is asynchronous: wait (bounded) until PostgreSQL has ended the backend and dropped its lock.
        DeliveryGuard? next = null;
        for (var attempt = 0; attempt < 100 && next is null; attempt++)
        {
            next = await DeliveryGuard.TryAcquireAsync(database, "alert-2-email-0", CancellationToken.None);
            if (next is null) await Task.Delay(50);
        }

        next.ShouldNotBeNull();
        await next.DisposeAsync();
        // The dead holder lets go quietly: a failed send path never throws again from its clean-up.
        await holder.DisposeAsync();
    }
}
