namespace MentionWatch.Foi;

/// <summary>
/// The legal moves of an FOI case and what each does to its clock. Pure: the case, the change and "now" go in, the
/// changed case comes out, or a <see cref="FoiTransitionException"/> saying why the change is not allowed.
/// </summary>
/// <remarks>
/// open → acknowledged → clarification_requested (FOIA s.1(3): the clock stops) → acknowledged again when the
/// clarification arrives (s.10(6)(b): 20 working days run afresh from its receipt) → extended (s.10(3): a further
/// 20 working days at most, once, with a reason, claimed no later than the due date as s.17(2) requires) →
/// responded (on time or late) → closed; or withdrawn at any point before a response.
/// </remarks>
public static class FoiCaseRules
{
    private static readonly Dictionary<FoiCaseAction, FoiCaseState[]> AllowedFrom = new()
    {
        [FoiCaseAction.Acknowledge] = [FoiCaseState.Open],
        [FoiCaseAction.RequestClarification] = [FoiCaseState.Open, FoiCaseState.Acknowledged],
        [FoiCaseAction.ReceiveClarification] = [FoiCaseState.ClarificationRequested],
        [FoiCaseAction.Extend] = [FoiCaseState.Open, FoiCaseState.Acknowledged],
        [FoiCaseAction.Respond] = [FoiCaseState.Open, FoiCaseState.Acknowledged, FoiCaseState.Extended],
        [FoiCaseAction.Close] = [FoiCaseState.Responded],
        [FoiCaseAction.Withdraw] = [FoiCaseState.Open, FoiCaseState.Acknowledged, FoiCaseState.ClarificationRequested, FoiCaseState.Extended],
    };

    /// <summary>Whether <paramref name="action"/> may be taken on a case in <paramref name="state"/>.</summary>
    public static bool IsAllowed(FoiCaseState state, FoiCaseAction action) => AllowedFrom[action].Contains(state);

    /// <summary>The snake_case name of an action, as stored in the history and the audit log.</summary>
    public static string ActionText(FoiCaseAction action) => action switch
    {
        FoiCaseAction.Acknowledge => "acknowledge",
        FoiCaseAction.RequestClarification => "request_clarification",
        FoiCaseAction.ReceiveClarification => "receive_clarification",
        FoiCaseAction.Extend => "extend",
        FoiCaseAction.Respond => "respond",
        FoiCaseAction.Close => "close",
        FoiCaseAction.Withdraw => "withdraw",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown FOI case action."),
    };

    /// <summary>Applies <paramref name="transition"/> to <paramref name="current"/> at <paramref name="now"/>.</summary>
    public static FoiCase Apply(FoiCase current, FoiTransition transition, FoiClock clock, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transition.Actor);
        var action = transition.Action;
        if (!IsAllowed(current.State, action))
        {
            throw new FoiTransitionException(
                $"FOI case {current.Id} is {FoiCaseStates.ToText(current.State)}: it cannot {ActionText(action).Replace('_', ' ')} "
                + $"(allowed from {string.Join(", ", AllowedFrom[action].Select(FoiCaseStates.ToText))}).");
        }

        var occurredAt = transition.OccurredAt ?? now;
        if (occurredAt > now)
        {
            throw new FoiTransitionException($"{ActionText(action)} cannot be recorded as happening in the future ({occurredAt:O}).");
        }

        if (occurredAt < current.ReceivedAt)
        {
            throw new FoiTransitionException($"{ActionText(action)} cannot happen before the request was received ({current.ReceivedAt:O}).");
        }

        var reasonRequired = action is FoiCaseAction.RequestClarification or FoiCaseAction.Extend or FoiCaseAction.Withdraw;
        if (reasonRequired && string.IsNullOrWhiteSpace(transition.Reason))
        {
            throw new FoiTransitionException($"{ActionText(action)} needs a reason.");
        }

        var changed = current with { UpdatedAt = now };
        return action switch
        {
            FoiCaseAction.Acknowledge => changed with { State = FoiCaseState.Acknowledged },
            FoiCaseAction.RequestClarification => changed with { State = FoiCaseState.ClarificationRequested, ClarificationRequestedAt = occurredAt },
            FoiCaseAction.ReceiveClarification => ReceiveClarification(changed, occurredAt, clock),
            FoiCaseAction.Extend => Extend(changed, transition, clock, occurredAt),
            FoiCaseAction.Respond => Respond(changed, occurredAt, clock),
            FoiCaseAction.Close => changed with { State = FoiCaseState.Closed },
            FoiCaseAction.Withdraw => changed with { State = FoiCaseState.Withdrawn },
            _ => throw new ArgumentOutOfRangeException(nameof(transition), action, "Unknown FOI case action."),
        };
    }

    private static FoiCase ReceiveClarification(FoiCase current, DateTimeOffset receivedAt, FoiClock clock)
    {
        if (receivedAt < current.ClarificationRequestedAt)
        {
            throw new FoiTransitionException($"The clarification cannot arrive before it was asked for ({current.ClarificationRequestedAt:O}).");
        }

        return current with
        {
            State = FoiCaseState.Acknowledged,
            ClockStartedOn = clock.ReceivedOn(receivedAt),
            DueDate = clock.RestartFromClarification(receivedAt),
            ClarificationRequestedAt = null,
        };
    }

    private static FoiCase Extend(FoiCase current, FoiTransition transition, FoiClock clock, DateTimeOffset occurredAt)
    {
        var days = transition.ExtensionWorkingDays
                   ?? throw new FoiTransitionException("extend needs the number of further working days (1 to 20).");
        if (days is < 1 or > FoiClock.MaxExtensionWorkingDays)
        {
            throw new FoiTransitionException($"A public-interest extension is 1 to {FoiClock.MaxExtensionWorkingDays} further working days, not {days}.");
        }

        if (clock.ReceivedOn(occurredAt) > current.DueDate)
        {
            throw new FoiTransitionException(
                $"The extension must be claimed by the due date {current.DueDate:yyyy-MM-dd} (FOIA s.17(2)); the case is already late.");
        }

        return current with
        {
            State = FoiCaseState.Extended,
            DueDate = clock.ExtendDueDate(current.DueDate, days),
            ExtensionWorkingDays = days,
            ExtensionReason = transition.Reason!.Trim(),
        };
    }

    private static FoiCase Respond(FoiCase current, DateTimeOffset respondedAt, FoiClock clock)
    {
        var respondedOn = clock.ReceivedOn(respondedAt);
        return current with
        {
            State = FoiCaseState.Responded,
            RespondedAt = respondedAt,
            RespondedOn = respondedOn,
            RespondedOnTime = respondedOn <= current.DueDate,
            WorkingDaysToRespond = Math.Max(0, clock.Calendar.WorkingDaysBetween(current.ClockStartedOn, respondedOn)),
        };
    }
}
