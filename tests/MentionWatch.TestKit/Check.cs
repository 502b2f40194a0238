using Xunit.Sdk;

namespace MentionWatch.TestKit;

/// <summary>
/// Assertions whose failure is one line — what was expected, what was found, and the state it was found in — so a
/// red CI run can be read from its log alone.
/// </summary>
public static class Check
{
    public static void Equal<T>(T actual, T expected, string what, object? context = null)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            Fail($"{what}: expected {expected} but was {actual}{(context is null ? "" : $"; {context}")}");
        }
    }

    public static void That(bool condition, string failure)
    {
        if (!condition) Fail(failure);
    }

    public static void Fail(string failure) => throw new XunitException(failure.ReplaceLineEndings(" "));
}
