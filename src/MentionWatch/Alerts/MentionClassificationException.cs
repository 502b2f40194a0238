namespace MentionWatch.Alerts;

/// <summary>
/// Some mentions of a batch could not be classified even one at a time; the others were. The message names each
/// failure, so the error queue says which mention to look at.
/// </summary>
public sealed class MentionClassificationException : Exception
{
    public MentionClassificationException(int classified, int total, IReadOnlyList<string> failures)
        : base($"{classified} of {total} mentions in this batch were classified (replaying them only republishes their alerts); not classified: {string.Join("; ", failures)}") { }

    public MentionClassificationException() { }

    public MentionClassificationException(string message) : base(message) { }

    public MentionClassificationException(string message, Exception innerException) : base(message, innerException) { }
}
