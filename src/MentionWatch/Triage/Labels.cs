namespace MentionWatch.Triage;

/// <summary>The seven labels of shared/eval/FORMAT.md, spelled as they are stored and exchanged.</summary>
public static class Labels
{
    public const string Complaint = "complaint";
    public const string Distress = "distress";
    public const string FoiRequest = "foi_request";
    public const string MediaEnquiry = "media_enquiry";
    public const string FakeAccount = "fake_account";
    public const string StaffAbuse = "staff_abuse";
    public const string Praise = "praise";

    /// <summary>Every label, in the order verdicts list them (most serious first).</summary>
    public static readonly IReadOnlyList<string> All =
        [Distress, FoiRequest, Complaint, MediaEnquiry, FakeAccount, StaffAbuse, Praise];
}
