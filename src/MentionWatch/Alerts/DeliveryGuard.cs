using Npgsql;

namespace MentionWatch.Alerts;

/// <summary>
/// Makes one consumer at a time send a given delivery. Two messages for the same alert can arrive together (a
/// notice republished while its first delivery is under way, a redelivery after a broker blip); without this both
/// would find the delivery not yet sent and send it twice. The guard is a PostgreSQL transaction-level advisory lock
/// on the delivery's idempotency key, held while the channel sends: if the holder dies, its connection closes and
/// the lock goes with it.
/// </summary>
public sealed class DeliveryGuard : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private DeliveryGuard(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>
    /// The guard for <paramref name="idempotencyKey"/>, or null when another consumer holds it. That consumer is
    /// sending the delivery now, and its own message is retried if it fails, so the caller can leave it.
    /// </summary>
    public static async Task<DeliveryGuard?> TryAcquireAsync(NpgsqlDataSource dataSource, string idempotencyKey, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = new NpgsqlCommand("select pg_try_advisory_xact_lock(hashtextextended(@key, 0))", connection, transaction);
            command.Parameters.AddWithValue("key", idempotencyKey);
            if (await command.ExecuteScalarAsync(ct) is true) return new DeliveryGuard(connection, transaction);
            await transaction.DisposeAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        // Rolling back ends the transaction and with it the lock; nothing else was done in it.
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
