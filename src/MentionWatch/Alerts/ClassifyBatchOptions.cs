using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Alerts;

/// <summary>
/// How <see cref="ClassifyMentionConsumer"/> gathers mentions into batches (<c>Messaging:ClassifyBatch</c>). A batch
/// goes as soon as it is full or <see cref="TimeLimit"/> after its first mention arrived, so a lone mention at 2 a.m.
/// waits at most that long; under a spike, batches fill at once and each costs three database round trips and one
/// wait for the broker instead of that many per mention.
/// </summary>
public sealed class ClassifyBatchOptions
{
    /// <summary>Most mentions in one batch.</summary>
    [Range(1, 1000)]
    public int MessageLimit { get; set; } = 100;

    /// <summary>Longest wait for a batch to fill.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Batches classified at once by one instance: while one waits on the database or the broker, others run (4 measured about half as fast again as 2 with `bench`).</summary>
    [Range(1, 64)]
    public int ConcurrencyLimit { get; set; } = 4;
}
