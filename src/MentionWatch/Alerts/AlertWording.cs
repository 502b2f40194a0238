using MentionWatch.Triage;

namespace MentionWatch.Alerts;

/// <summary>The words an alert carries: a headline without personal data, and the policy's instructions.</summary>
public static class AlertWording
{
    public static string Headline(IReadOnlyList<string> labels, bool urgent) =>
        urgent ? "Urgent: possible crisis post — open MentionWatch"
        : labels.Count == 0 ? "New post to read (not in English) — open MentionWatch"
        : $"New {string.Join(", ", labels.Select(l => l.Replace('_', ' ')))} — open MentionWatch";

    /// <summary>What the trusts' policies require of whoever reads the alert (shared/POLICY.md).</summary>
    public static IReadOnlyList<string> Instructions(IReadOnlyList<string> labels, bool urgent)
    {
        var list = new List<string>();
        if (urgent) list.Add("Possible immediate risk to life: tell the person to call 999 at once (policy 004 §2.3.3).");
        if (labels.Contains(Labels.Distress)) list.Add("Refer to the Single Point of Access if the person is identifiable, otherwise give PALS details.");
        if (labels.Contains(Labels.Complaint)) list.Add("Do not handle the complaint online: refer the complainant to PALS.");
        if (labels.Contains(Labels.FoiRequest)) list.Add("FOI request: the 20-working-day clock started when it was posted.");
        if (labels.Contains(Labels.MediaEnquiry)) list.Add("Media enquiry: only the communications team responds.");
        if (labels.Contains(Labels.StaffAbuse)) list.Add("Keep the evidence; report to the line manager and HR.");
        if (labels.Contains(Labels.FakeAccount)) list.Add("Possible fake account: check the register of official accounts and report it.");
        list.Add("No public reply until the action is agreed.");
        return list;
    }
}
