using System.Text;
using MentionWatch.Sources.Replay;

namespace MentionWatch.Tests.Sources;

/// <summary>
/// The replay source skips the lines its cursor has consumed without decoding them; it must land exactly where
/// <see cref="StreamReader.ReadLine"/> would, or a page would repeat or lose a line.
/// </summary>
public sealed class ReplaySkipLinesTests
{
    private const int Block = 1 << 16;

    public static TheoryData<string, string> Files() => new()
    {
        { "line feeds", "a\nbb\nccc\n" },
        { "CRLF", "a\r\nbb\r\nccc\r\n" },
        { "lone CR (old Mac files)", "a\rbb\rccc\r" },
        { "mixed ends and blank lines", "a\r\n\nbb\r\r\nccc\n\n" },
        { "no end after the last line", "a\nbb\nccc" },
        { "non-ASCII text", "é😀\n日本\r\nß\n" },
        // A \r\n whose \n starts the next 64 KB block: one line end, not two.
        { "CRLF split across blocks", new string('x', Block - 1) + "\r\nnext\nlast\n" },
        { "lone CR at the end of a block", new string('x', Block - 1) + "\rnext\nlast\n" },
        { "line feed at the end of a block", new string('x', Block - 1) + "\nnext\nlast\n" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void SkipLines_AnyCount_LeavesTheStreamWhereReadLineWouldBe(string name, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var total = CountLines(bytes);
        for (var skip = 0; skip <= total + 1; skip++)
        {
            using var stream = new MemoryStream(bytes);

            var skipped = ReplaySource.SkipLines(stream, skip);

            skipped.ShouldBe(Math.Min(skip, total), $"{name}, skip {skip}");
            ReadRest(stream).ShouldBe(ReadRestAfter(bytes, skip), $"{name}, skip {skip}");
        }
    }

    private static int CountLines(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes));
        var n = 0;
        while (reader.ReadLine() is not null) n++;
        return n;
    }

    private static List<string> ReadRestAfter(byte[] bytes, int skip)
    {
        using var reader = new StreamReader(new MemoryStream(bytes));
        var lines = new List<string>();
        for (var i = 0; reader.ReadLine() is { } line; i++)
        {
            if (i >= skip) lines.Add(line);
        }

        return lines;
    }

    private static List<string> ReadRest(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }
}
