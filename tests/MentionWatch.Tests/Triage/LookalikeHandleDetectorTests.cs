using MentionWatch.Triage;

namespace MentionWatch.Tests.Triage;

public sealed class LookalikeHandleDetectorTests
{
    private static readonly LookalikeHandleDetector Detector = new(TestTrust.Profile);

    [Theory]
    // Registered accounts on their own platform.
    [InlineData("HarboursideNHS", "x")]
    [InlineData("harbourside_nhs", "instagram")]
    // Case and a leading @ do not matter.
    [InlineData("@harboursidenhs", "facebook")]
    public void Assess_RegisteredAccount_IsOfficial(string handle, string platform)
    {
        Detector.Assess(handle, "Harbourside Mental Health NHS FT", platform).Kind.ShouldBe(HandleKind.Official);
    }

    [Theory]
    // Zero for o.
    [InlineData("H4rb0ursideNHS")]
    [InlineData("Harb0ursideNHS")]
    // l / 1 / I swaps.
    [InlineData("HarboursIdeNHS_")]
    [InlineData("Harbours1deNHS")]
    // Extra underscore or dot.
    [InlineData("Harbourside_NHS_")]
    [InlineData("harbourside.nhs")]
    // Digits added.
    [InlineData("harboursidenhs2")]
    // "Official", "UK", "Help", "Jobs" added.
    [InlineData("HarboursideNHSOfficial")]
    [InlineData("HarboursideNHS_Help")]
    [InlineData("harboursidenhsjobsuk")]
    // One letter dropped.
    [InlineData("HarbursideNHS")]
    // rn for m in a handle containing m.
    [InlineData("HarboursideNHSTearn")]
    // Zero-width character hidden in the handle.
    [InlineData("Harbourside\u200BNHS_")]
    public void Assess_LookalikeHandle_IsLookalike(string handle)
    {
        Detector.Assess(handle, "Someone", "x").Kind.ShouldBe(HandleKind.Lookalike);
    }

    [Fact]
    public void Assess_OfficialHandleOnAnotherPlatform_IsLookalike()
    {
        // The Instagram handle used on X by someone else is not the trust's X account.
        Detector.Assess("harbourside_nhs", "Harbourside NHS", "x").Kind.ShouldBe(HandleKind.Lookalike);
    }

    [Theory]
    // Exact copy of the trust's name.
    [InlineData("Harbourside Mental Health NHS Foundation Trust")]
    // "<place> NHS" with decoration.
    [InlineData("Harbourside NHS 💙")]
    [InlineData("Harbourside NHS (Official)")]
    [InlineData("Harbourside NHS Patient Support")]
    public void Assess_CopiedDisplayName_IsLookalike(string displayName)
    {
        Detector.Assess("patientsupport_page", displayName, "facebook").Kind.ShouldBe(HandleKind.Lookalike);
    }

    [Theory]
    // Local businesses and outlets sharing the place name.
    [InlineData("harboursidehealthclub", "Harbourside Health & Fitness Club")]
    [InlineData("HarboursideEcho", "Harbourside Echo")]
    [InlineData("HarboursideNow", "Harbourside Now")]
    // Ordinary people.
    [InlineData("jo_smith_88", "Jo 🌻")]
    [InlineData("", null)]
    public void Assess_UnrelatedAccount_IsUnrelated(string handle, string? displayName)
    {
        Detector.Assess(handle, displayName, "x").Kind.ShouldBe(HandleKind.Unrelated);
    }

    [Theory]
    [InlineData("N0rthm00r", "northmoor")]
    [InlineData("North_rnoor.", "northmoor")]
    [InlineData("TRUST123", "trust")]
    public void Skeleton_HomoglyphsAndSeparators_Collapse(string value, string expectedPrefix)
    {
        LookalikeHandleDetector.Skeleton(value).ShouldBe(LookalikeHandleDetector.Skeleton(expectedPrefix));
    }
}
