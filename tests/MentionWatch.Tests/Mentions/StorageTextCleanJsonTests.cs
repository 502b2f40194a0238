using System.Text.Json;
using MentionWatch.Mentions;

namespace MentionWatch.Tests.Mentions;

public sealed class StorageTextCleanJsonTests
{
    [Theory]
    // Nothing escaped: returned as is.
    [InlineData("{\"text\":\"hello\"}", "{\"text\":\"hello\"}")]
    // A whole escaped pair (an emoji) is kept.
    [InlineData("{\"text\":\"\\uD83D\\uDE0A\"}", "{\"text\":\"\\uD83D\\uDE0A\"}")]
    // jsonb refuses the escaped NUL.
    [InlineData("{\"text\":\"a\\u0000b\"}", "{\"text\":\"a\\uFFFDb\"}")]
    // A high surrogate cut from its low half (emoji truncated by a platform).
    [InlineData("{\"text\":\"a\\uD83D b\"}", "{\"text\":\"a\\uFFFD b\"}")]
    // A low surrogate alone, then a high one alone at the end.
    [InlineData("{\"x\":\"\\uDC00\\uD800\"}", "{\"x\":\"\\uFFFD\\uFFFD\"}")]
    // An escaped backslash followed by u0000 is the text \u0000, not a NUL: left alone.
    [InlineData("{\"x\":\"\\\\u0000\"}", "{\"x\":\"\\\\u0000\"}")]
    // Ordinary escapes around a bad one.
    [InlineData("{\"x\":\"\\n\\u00e9\\uD800\\\"\"}", "{\"x\":\"\\n\\u00e9\\uFFFD\\\"\"}")]
    public void CleanJson_Escapes_OnlyTheUnstorableOnesReplaced(string json, string expected)
    {
        var clean = StorageText.CleanJson(json);

        clean.ShouldBe(expected);
        // What comes out always parses.
        Should.NotThrow(() => JsonDocument.Parse(clean).RootElement.EnumerateObject().Select(p => p.Value.GetString()).ToList());
    }
}
