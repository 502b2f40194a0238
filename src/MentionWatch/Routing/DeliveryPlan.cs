namespace MentionWatch.Routing;

/// <summary>
/// What to do with one alert when it is first delivered: send it now, hold it for the team's next digest, or both.
/// Decided once and stored on the alert, so a redelivered message never changes its mind.
/// </summary>
public sealed record DeliveryPlan(bool SendNow, DateTimeOffset? DigestAt)
{
    public const string Now = "now";
    public const string Digest = "digest";
    public const string Both = "both";

    /// <summary>The stored name: <c>now</c>, <c>digest</c> or <c>both</c>.</summary>
    public string Name => (SendNow, DigestAt) switch { (true, null) => Now, (false, _) => Digest, _ => Both };

    /// <summary>
    /// Urgent alerts go at once at any hour; so does everything in office hours and everything for an immediate team.
    /// Out of hours, a digest team holds the alert until its next opening; a "both" team sends it and lists it again.
    /// </summary>
    public static DeliveryPlan Decide(DeliveryMode mode, bool urgent, OfficeHours hours, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (urgent || mode == DeliveryMode.Immediate || hours.IsOpen(now)) return new(true, null);
        var opening = hours.NextOpening(now);
        return mode == DeliveryMode.Both ? new(true, opening) : new(false, opening);
    }
}
