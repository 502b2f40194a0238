using System.Collections.Concurrent;
using MentionWatch.Alerts;
using MentionWatch.Foi;
using MentionWatch.Time;
using Microsoft.Extensions.Options;
using NodaTime;

namespace MentionWatch.Routing;

/// <summary>
/// Each team's office hours, delivery plan and acknowledgement target, from <see cref="RoutingOptions"/>, the bank
/// holidays of the trust's own nation and the trust's time zone. A team that is not configured gets the policy defaults.
/// </summary>
public sealed class TeamClock(IOptions<RoutingOptions> options, UkBankHolidays holidays, TrustTime local)
{
    private readonly ConcurrentDictionary<string, OfficeHours> _hours = new(StringComparer.OrdinalIgnoreCase);

    public TeamSettings Settings(string team) =>
        options.Value.EffectiveTeams.TryGetValue(team, out var settings) ? settings : new TeamSettings { AcknowledgeWorkingDays = 1 };

    public OfficeHours Hours(string team) => _hours.GetOrAdd(team, name =>
    {
        var settings = Settings(name);
        return new OfficeHours(
            WorkingDayCalendar.ForDivision(holidays, options.Value.Nation), local,
            LocalTime.FromTicksSinceMidnight(settings.OfficeHoursOpen.Ticks), LocalTime.FromTicksSinceMidnight(settings.OfficeHoursClose.Ticks));
    });

    /// <summary>See <see cref="DeliveryPlan.Decide"/>.</summary>
    public DeliveryPlan Plan(string team, bool urgent, DateTimeOffset now) =>
        DeliveryPlan.Decide(Settings(team).Delivery, urgent, Hours(team), now);

    /// <summary>
    /// Whether an alert has the crisis target (<see cref="TeamSettings.UrgentAcknowledgeWithin"/>, at any hour): an
    /// urgent post and its escalations. Other notices marked urgent (an FOI request overdue, a source gone silent) are
    /// urgent for their team's working day, not a crisis: a target of minutes at 3 a.m. would count breaches that
    /// are not.
    /// </summary>
    public static bool IsCrisis(string kind, bool urgent) => urgent && kind is AlertKinds.Mention or AlertKinds.Escalation;

    /// <summary>
    /// When the alert must be acknowledged by, from its kind: a crisis within <see cref="TeamSettings.UrgentAcknowledgeWithin"/>
    /// at any hour; another urgent notice by the team's closing time on its working day; the rest by closing time on
    /// the team's n-th working day (<see cref="TeamSettings.AcknowledgeWorkingDays"/>).
    /// </summary>
    public DateTimeOffset AcknowledgeBy(string team, string kind, bool urgent, DateTimeOffset raisedAt)
    {
        var settings = Settings(team);
        if (IsCrisis(kind, urgent)) return raisedAt + settings.UrgentAcknowledgeWithin;
        return Hours(team).AddWorkingDays(raisedAt, urgent ? 0 : settings.AcknowledgeWorkingDays ?? 1);
    }

    /// <summary>The target in words, e.g. "3 working days" or "15 minutes, at any hour".</summary>
    public string TargetInWords(string team, string kind, bool urgent)
    {
        var settings = Settings(team);
        if (IsCrisis(kind, urgent)) return $"{settings.UrgentAcknowledgeWithin.TotalMinutes:0} minutes, at any hour";
        return (urgent ? 0 : settings.AcknowledgeWorkingDays ?? 1) switch
        {
            0 => "the same working day",
            1 => "1 working day",
            var n => $"{n} working days",
        };
    }

    /// <summary>An instant as the team reads it: "Mon 23 Nov 17:00" in the trust's time zone.</summary>
    public string Local(DateTimeOffset at) =>
        local.InZone(at).ToString("ddd d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
