namespace MentionWatch.Triage;

/// <summary>
/// One entry of the trust's register of official accounts as kept in the database (table <c>official_accounts</c>):
/// the comms team adds, edits, reviews quarterly and retires them; live entries feed the fake-account detector.
/// </summary>
public sealed class RegisteredAccount
{
    public long Id { get; set; }
    public required string Platform { get; set; }
    public required string Handle { get; set; }
    public string? DisplayName { get; set; }
    public required string Owner { get; set; }
    public string[] Administrators { get; set; } = [];
    public DateOnly? LastReviewedOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}
