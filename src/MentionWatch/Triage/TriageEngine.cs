namespace MentionWatch.Triage;

/// <summary>
/// PLACEHOLDER until the triage issue lands: the real engine replaces this file. Pure and thread-safe.
/// </summary>
public sealed class TriageEngine
{
    private TriageEngine(TrustProfile profile) => Profile = profile;

    public TrustProfile Profile { get; }

    public string Version => "placeholder";

    public static TriageEngine Create(TrustProfile profile) => new(profile);

    public TriageResult Classify(TriageInput input) =>
        new() { Labels = [], Urgent = false, Reasons = ["placeholder"], ClassifierVersion = Version };
}
