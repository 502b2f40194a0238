namespace MentionWatch.Mentions;

/// <summary>A file outside the database that holds personal data (e.g. the console channel's alert file), purged by the retention run.</summary>
public interface IRetainedFile
{
    /// <summary>What the file is, for the audit log.</summary>
    string Description { get; }

    /// <summary>Removes what was written before <paramref name="cutoff"/>; returns how many entries went.</summary>
    Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
