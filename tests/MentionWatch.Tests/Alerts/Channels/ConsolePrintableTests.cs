using MentionWatch.Alerts.Channels;

namespace MentionWatch.Tests.Alerts.Channels;

public sealed class ConsolePrintableTests
{
    [Theory]
    // Ordinary text, emoji and accents included, is unchanged.
    [InlineData("Thank you ward 7 😊 café", "Thank you ward 7 😊 café")]
    // An ANSI escape that would clear the operator's screen.
    [InlineData("hi \u001b[2J\u001b[31mred", "hi \uFFFD[2J\uFFFD[31mred")]
    // A newline would forge a line of the alert block ("  Do: ...").
    [InlineData("a\n  Do:        nothing\r\tb", "a   Do:        nothing  b")]
    // Bell, backspace, DEL and a C1 control.
    [InlineData("x\u0007\u0008\u007f\u0085y", "x\uFFFD\uFFFD\uFFFD\uFFFDy")]
    // A right-to-left override reverses what follows on screen.
    [InlineData("SHN\u202Eevil\u2066", "SHN\uFFFDevil\uFFFD")]
    public void Printable_HostileText_SafeOnATerminal(string text, string expected)
    {
        ConsoleAlertChannel.Printable(text).ShouldBe(expected);
    }
}
