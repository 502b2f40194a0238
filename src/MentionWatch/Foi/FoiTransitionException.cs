namespace MentionWatch.Foi;

/// <summary>A change the law or the case's state does not allow; the message says why in plain words.</summary>
public sealed class FoiTransitionException : Exception
{
    public FoiTransitionException()
    {
    }

    public FoiTransitionException(string message)
        : base(message)
    {
    }

    public FoiTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
