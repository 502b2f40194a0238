using MentionWatch.Triage;

namespace MentionWatch.Tests.Triage;

/// <summary>
/// A made-up trust that is deliberately not the dev set's, so the tests show that nothing depends on one trust's name.
/// </summary>
internal static class TestTrust
{
    public static TrustProfile Profile { get; } = new()
    {
        Name = "Harbourside Mental Health NHS Foundation Trust",
        Aliases = ["Harbourside MH", "HMHFT", "Harbourside NHS"],
        OfficialAccounts =
        [
            new OfficialAccount { Platform = "x", Handle = "HarboursideNHS", DisplayName = "Harbourside Mental Health NHS FT" },
            new OfficialAccount { Platform = "instagram", Handle = "harbourside_nhs", DisplayName = "Harbourside NHS" },
            new OfficialAccount { Platform = "facebook", Handle = "harboursidenhs", DisplayName = "Harbourside Mental Health NHS Foundation Trust" },
        ],
        TimeZone = "Europe/London",
    };

    public static TriageEngine Engine { get; } = TriageEngine.Create(Profile);

    public static TriageResult Classify(string text, string handle = "someone_local", string? displayName = "Sam", string platform = "x", string? lang = "en") =>
        Engine.Classify(new TriageInput { Platform = platform, Text = text, AuthorHandle = handle, AuthorDisplayName = displayName, Lang = lang });
}
