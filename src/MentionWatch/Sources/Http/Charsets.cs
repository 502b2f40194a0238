using System.Text;
using System.Text.RegularExpressions;

namespace MentionWatch.Sources.Http;

/// <summary>
/// Character encodings of platform bodies. The Windows code pages (windows-1252, which old feed generators still
/// declare) come from <see cref="CodePagesEncodingProvider"/>, registered on first use. An XML body is decoded as
/// RFC 7303 §3.2 and XML 1.0 Appendix F say: a byte order mark decides; else the HTTP <c>charset</c>; else the
/// <c>encoding</c> of the XML declaration; else UTF-8 (UTF-16 without a mark is known by its first bytes).
/// </summary>
public static partial class Charsets
{
    static Charsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding named <paramref name="name"/> (an IANA charset name, quotes allowed), or null if unknown.</summary>
    public static Encoding? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        try
        {
            return Encoding.GetEncoding(name.Trim().Trim('"', '\''));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Decodes an XML body. <paramref name="problem"/> is set when the body names an encoding this runtime does not
    /// know (it is then read as UTF-8, and the reader's complaint, if any, says where it failed).
    /// </summary>
    public static string DecodeXml(ReadOnlySpan<byte> bytes, string? httpCharset, out string? problem)
    {
        problem = null;
        if (Bom(bytes) is ({ } marked, var length)) return marked.GetString(bytes[length..]);
        if (!string.IsNullOrWhiteSpace(httpCharset))
        {
            if (Find(httpCharset) is { } declared) return declared.GetString(bytes);
            problem = $"unknown charset '{httpCharset}' in the Content-Type";
        }

        if (bytes.Length >= 4 && bytes[0] == 0x3C && bytes[1] == 0 && bytes[2] == 0x3F && bytes[3] == 0) return Encoding.Unicode.GetString(bytes);
        if (bytes.Length >= 4 && bytes[0] == 0 && bytes[1] == 0x3C && bytes[2] == 0 && bytes[3] == 0x3F) return Encoding.BigEndianUnicode.GetString(bytes);
        if (Declared(bytes) is { } name)
        {
            if (Find(name) is { } encoding) return encoding.GetString(bytes);
            problem ??= $"unknown encoding '{name}' in the XML declaration";
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static (Encoding? Encoding, int Length) Bom(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return (Encoding.UTF8, 3);
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) return (Encoding.UTF32, 4);
        if (b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) return (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4);
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) return (Encoding.Unicode, 2);
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) return (Encoding.BigEndianUnicode, 2);
        return (null, 0);
    }

    /// <summary>The <c>encoding</c> pseudo-attribute of an XML declaration written in an ASCII-compatible encoding.</summary>
    private static string? Declared(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 512)]);
        if (!head.StartsWith("<?xml", StringComparison.Ordinal)) return null;
        var end = head.IndexOf("?>", StringComparison.Ordinal);
        var match = EncodingDeclaration().Match(end < 0 ? head : head[..end]);
        return match.Success ? match.Groups["name"].Value : null;
    }

    [GeneratedRegex("""\sencoding\s*=\s*["'](?<name>[A-Za-z][A-Za-z0-9._-]*)["']""")]
    private static partial Regex EncodingDeclaration();
}
