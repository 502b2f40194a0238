namespace MentionWatch.Alerts;

/// <summary>What an <see cref="AlertActions"/> call did: a repeated click or a second e-mail link is not an error.</summary>
public enum AlertActionOutcome
{
    Done,
    AlreadyDone,
    NotFound,
}
