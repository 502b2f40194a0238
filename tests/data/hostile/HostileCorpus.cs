using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MentionWatch.Mentions;

namespace MentionWatch.TestData;

/// <summary>One hostile input: the wire line an adapter receives and, when it is a well-formed mention, the mention.</summary>
/// <param name="Line">The input as one JSON Lines line (escapes for lone surrogates and NUL left as the wire has them).</param>
/// <param name="Mention">The mention with the hostile characters decoded, or null for a malformed line.</param>
/// <param name="ExpectReplay">
/// <c>stored</c>, <c>quarantined</c>, or <c>stored-and-quarantined</c> (too long to keep whole: stored and classified
/// cut short, and the whole payload quarantined with the reason).
/// </param>
/// <param name="ExpectReason">A fragment of the quarantine reason, when quarantined.</param>
/// <param name="ExpectLabels">Labels the classifier must give.</param>
public sealed record HostileCase(string Name, string Why, string Line, MentionJson? Mention, string ExpectReplay, string? ExpectReason, IReadOnlyList<string> ExpectLabels)
{
    /// <summary>
    /// The mention with each hostile UTF-16 unit left as a placeholder (<c>@@XXXX@@</c>) that survives any JSON or XML
    /// writer, for a platform fake to dress in its own shape and then escape with <see cref="HostileCorpus.JsonEscaped"/>
    /// or <see cref="HostileCorpus.XmlEscaped"/>; null for a malformed line.
    /// </summary>
    public MentionJson? Wire { get; init; }

    public override string ToString() => Name;
}

/// <summary>
/// Loads <c>tests/data/hostile/hostile-mentions.json</c> (copied beside the test binaries as
/// <c>data/hostile-mentions.json</c>), shared by every adapter's tests and the classifier's.
/// </summary>
public static partial class HostileCorpus
{
    public static IReadOnlyList<HostileCase> Cases { get; } = Load(Path.Combine(AppContext.BaseDirectory, "data", "hostile-mentions.json"));

    /// <summary>The cases as xunit member data (one row per case, named by the case).</summary>
    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    public static HostileCase Get(string name) => Cases.Single(c => c.Name == name);

    public static IReadOnlyList<HostileCase> Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return root["cases"]!.AsArray().Select(n => Case(n!.AsObject())).ToList();
    }

    private static HostileCase Case(JsonObject c)
    {
        var expect = c["expect"]!.AsObject();
        var labels = expect["labels"]?.AsArray().Select(l => l!.GetValue<string>()).ToList() ?? [];
        var name = c["name"]!.GetValue<string>();
        var why = c["why"]!.GetValue<string>();
        var replay = expect["replay"]!.GetValue<string>();
        var reason = expect["reason"]?.GetValue<string>();
        if (c["line"] is { } line) return new HostileCase(name, why, Escape(line.GetValue<string>()), null, replay, reason, labels);

        var mention = c["mention"]!.DeepClone().AsObject();
        if (c["repeat"] is JsonObject repeat)
        {
            var parts = repeat["field"]!.GetValue<string>().Split('.');
            var parent = parts[..^1].Aggregate(mention, (o, p) => o[p]!.AsObject());
            parent[parts[^1]] = string.Concat(Enumerable.Repeat(repeat["unit"]!.GetValue<string>(), repeat["times"]!.GetValue<int>()));
        }

        // Tokens become a placeholder the JSON writer leaves alone, then escapes as a platform would send them.
        var wire = Placeheld(mention.DeepClone()).ToJsonString();
        return new HostileCase(name, why, JsonEscaped(wire), Decode(mention, Unescape), replay, reason, labels) { Wire = Decode(mention, Placeheld) };
    }

    /// <summary>Placeholders in serialised JSON become the <c>\uXXXX</c> escapes a platform sends (lone surrogates, NUL).</summary>
    public static string JsonEscaped(string json) => Placeholder().Replace(json, m => "\\u" + m.Groups[1].Value);

    /// <summary>
    /// Placeholders in serialised XML become what a broken feed generator sends: a lone surrogate or NUL as a character
    /// reference (no UTF-8 byte sequence can carry it), a surrogate pair as the character, any other unit as itself
    /// (raw C0 controls are not allowed in XML 1.0 either).
    /// </summary>
    public static string XmlEscaped(string xml) => Placeholder().Replace(Pairs().Replace(xml, m => Unit(m.Groups[1].Value) + Unit(m.Groups[2].Value)), m =>
    {
        var unit = Unit(m.Groups[1].Value);
        return unit[0] == '\0' || char.IsSurrogate(unit[0]) ? $"&#x{m.Groups[1].Value};" : unit;
    });

    /// <summary>Placeholders in a string become the UTF-16 units they stand for.</summary>
    public static string Decoded(string value) => Placeholder().Replace(value, m => Unit(m.Groups[1].Value));

    // Built by hand, not deserialised: a lone surrogate cannot pass through a JSON writer.
    private static MentionJson Decode(JsonObject m, Func<string, string> convert)
    {
        string? S(JsonObject? o, string key) => o?[key] is { } v ? convert(v.GetValue<string>()) : null;
        var author = m["author"] as JsonObject;
        return new MentionJson
        {
            Id = S(m, "id"),
            Platform = S(m, "platform"),
            PostedAt = DateTimeOffset.Parse(m["postedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            Url = S(m, "url"),
            Text = S(m, "text"),
            Lang = S(m, "lang"),
            Author = author is null ? null : new AuthorJson
            {
                Handle = S(author, "handle"),
                DisplayName = S(author, "displayName"),
                Description = S(author, "description"),
            },
        };
    }

    private static JsonNode Placeheld(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList()) o[key] = o[key] is { } child ? Placeheld(child.DeepClone()) : null;
                return o;
            case JsonValue v when v.TryGetValue<string>(out var text):
                return JsonValue.Create(Placeheld(text));
            default:
                return node;
        }
    }

    private static string Escape(string value) => Token().Replace(value, m => "\\u" + m.Groups[1].Value);

    private static string Unescape(string value) => Token().Replace(value, m => Unit(m.Groups[1].Value));

    private static string Placeheld(string value) => Token().Replace(value, m => "@@" + m.Groups[1].Value + "@@");

    private static string Unit(string hex) => ((char)int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString();

    [GeneratedRegex("<U\\+([0-9A-Fa-f]{4})>")]
    private static partial Regex Token();

    [GeneratedRegex("@@([0-9A-Fa-f]{4})@@")]
    private static partial Regex Placeholder();

    [GeneratedRegex("@@([Dd][89AaBb][0-9A-Fa-f]{2})@@@@([Dd][C-Fc-f][0-9A-Fa-f]{2})@@")]
    private static partial Regex Pairs();
}
