namespace MentionWatch.Routing;

/// <summary>How a team receives non-urgent alerts raised outside its office hours. Urgent alerts always go at once.</summary>
public enum DeliveryMode
{
    /// <summary>In office hours at once; out of hours held for one digest at the start of the next working day (the default).</summary>
    Digest,

    /// <summary>At once, at any hour; no digest.</summary>
    Immediate,

    /// <summary>At once, at any hour, and out-of-hours alerts are listed again in the next working day's digest.</summary>
    Both,
}
