namespace MentionWatch.Triage;

/// <summary>The verdict of <see cref="LookalikeHandleDetector"/> on one account, with the cue in plain words.</summary>
public readonly record struct HandleAssessment(HandleKind Kind, string? Cue)
{
    /// <summary>An account that has nothing to do with the trust.</summary>
    public static HandleAssessment Unrelated => new(HandleKind.Unrelated, null);
}
