using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace MentionWatch.Triage;

/// <summary>
/// The classifier: turns one mention into labels, an urgent flag and the reasons, using the trust profile and the
/// versioned rules of <see cref="RuleBook"/>. Pure (no I/O, no clock), immutable after <see cref="Create(TrustProfile)"/>
/// and safe to call from many threads. Each call normalises the text once and runs a bounded number of
/// linear-time regular expressions over at most <see cref="TextNormalizer.MaxChars"/> characters.
/// </summary>
public sealed partial class TriageEngine
{
    private readonly RuleBook _rules;
    private readonly TrustVocabulary _trust;
    private readonly LookalikeHandleDetector _handles;

    // Categories looked up once so Classify does no dictionary work.
    private readonly RuleCategory _blockDistress, _distressStrong, _distressWeak, _distressHelp;
    private readonly RuleCategory _urgent, _urgentStrong, _urgentTime, _urgentNegation, _foiDiscussion;
    private readonly RuleCategory _complaint, _complaintBlock, _service, _otherOrg, _otherHospital;
    private readonly RuleCategory _praise, _praiseBlock, _praiseInternal;
    private readonly RuleCategory _foiExplicit, _foiRequest, _foiData, _foiBlock, _foiCrowd;
    private readonly RuleCategory _mediaRole, _mediaRequest, _mediaBlock;
    private readonly RuleCategory _insult, _threat, _abuseTarget;
    private readonly RuleCategory _fakeReport, _fakeObject, _laughter, _recovery, _trustGeneric;

    private TriageEngine(TrustProfile profile, RuleBook rules)
    {
        Profile = profile;
        _rules = rules;
        _trust = new TrustVocabulary(profile);
        _handles = new LookalikeHandleDetector(profile);
        _blockDistress = rules["block.distress"];
        _distressStrong = rules["distress.strong"];
        _distressWeak = rules["distress.weak"];
        _distressHelp = rules["distress.help"];
        _urgent = rules["urgent"];
        _urgentStrong = rules["urgent.strong"];
        _foiDiscussion = rules["foi.discussion"];
        _urgentTime = rules["urgent.time"];
        _urgentNegation = rules["urgent.negation"];
        _complaint = rules["complaint.cue"];
        _complaintBlock = rules["complaint.block"];
        _service = rules["ctx.service"];
        _otherOrg = rules["ctx.other_org"];
        _otherHospital = rules["ctx.other_hospital"];
        _praise = rules["praise.cue"];
        _praiseBlock = rules["praise.block"];
        _praiseInternal = rules["praise.internal"];
        _foiExplicit = rules["foi.explicit"];
        _foiRequest = rules["foi.request"];
        _foiData = rules["foi.data"];
        _foiBlock = rules["foi.block"];
        _foiCrowd = rules["foi.crowd"];
        _mediaRole = rules["media.role"];
        _mediaRequest = rules["media.request"];
        _mediaBlock = rules["media.block"];
        _insult = rules["abuse.insult"];
        _threat = rules["abuse.threat"];
        _abuseTarget = rules["abuse.target"];
        _fakeReport = rules["fake.report"];
        _fakeObject = rules["fake.object"];
        _laughter = rules["laughter"];
        _recovery = rules["recovery"];
        _trustGeneric = rules["ctx.trust_generic"];
    }

    /// <summary>The trust this engine classifies for.</summary>
    public TrustProfile Profile { get; }

    /// <summary>The rules version recorded on every verdict.</summary>
    public string Version => _rules.Version;

    /// <summary>An engine for <paramref name="profile"/> with the rules shipped in the assembly.</summary>
    public static TriageEngine Create(TrustProfile profile) => Create(profile, RuleBook.Default);

    /// <summary>An engine for <paramref name="profile"/> with the given rules (tests and rule experiments).</summary>
    public static TriageEngine Create(TrustProfile profile, RuleBook rules)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(rules);
        return new TriageEngine(profile, rules);
    }

    /// <summary>Classifies one mention. Never throws for odd text; the verdict always carries reasons.</summary>
    public TriageResult Classify(TriageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reasons = new List<string>(4);
        var text = TextNormalizer.Normalize(input.Text);

        // The platform's own tag when it gives one, otherwise what the words and script say.
        var language = Languages.FromTag(input.Lang) ?? Languages.Detect(text);
        var nonEnglish = !language.IsEnglish;
        if (nonEnglish)
        {
            reasons.Add($"{NotEnglish} ({language.Name}): needs a human read; classified on the words the rules know in that language");
        }

        var author = _handles.Assess(input.AuthorHandle, input.AuthorDisplayName, input.Platform);
        if (author.Kind == HandleKind.Official)
        {
            // The trust's own posts (signposting, thanks to its staff, replies) are never alerts.
            reasons.Add("posted by one of the trust's own official accounts: no label");
            return Result([], false, reasons) with { TrustsOwn = true };
        }

        if (RepostedOfficial(text) is { } reposted)
        {
            // Reposting the trust is no way round triage: the words after the handle are read as the author's own.
            reasons.Add($"reposts the trust's official account @{reposted}: classified on the words that follow");
            text = text[(4 + reposted.Length)..].TrimStart(':', ' ');
        }

        var labels = new List<string>(3);
        var context = new Context(this, text, nonEnglish);

        // Distress first: it outranks everything, and whether it is urgent decides who is woken up.
        var (distress, urgent) = Distress(text, reasons);

        var foi = Foi(text, context, reasons);
        var media = Media(text, input, context, reasons);
        var complaint = Complaint(text, context, foi, reasons);
        var fake = Fake(text, input, author, context, reasons);
        var abuse = StaffAbuse(text, reasons);
        var praise = Praise(text, context, urgent, foi || media, reasons);

        if (distress && !urgent && praise && !complaint && _recovery.IsMatch(text) && _distressStrong.FirstMatch(text) is null)
        {
            // A thank-you for help with a past crisis is praise only (FORMAT.md boundary).
            distress = false;
            reasons.RemoveAll(r => r.StartsWith("distress", StringComparison.Ordinal));
            reasons.Add("distress words describe a past crisis the author has recovered from (rule R-01)");
        }

        if (distress) labels.Add(Labels.Distress);
        if (foi) labels.Add(Labels.FoiRequest);
        if (complaint) labels.Add(Labels.Complaint);
        if (media) labels.Add(Labels.MediaEnquiry);
        if (fake) labels.Add(Labels.FakeAccount);
        if (abuse) labels.Add(Labels.StaffAbuse);
        if (praise) labels.Add(Labels.Praise);

        if (labels.Count == 0)
        {
            reasons.Add(nonEnglish ? "no cue for any label the rules know in that language" : "no cue for any label: noise");
        }

        // Not in English: whatever the rules and the model found, a person who can read it is asked to (comms, by default).
        return Result(labels, urgent && distress, reasons) with { NeedsHumanRead = nonEnglish };
    }

    /// <summary>How a verdict's reasons begin when the post is not in English.</summary>
    public const string NotEnglish = "not English";

    private TriageResult Result(IReadOnlyList<string> labels, bool urgent, IReadOnlyList<string> reasons) =>
        new() { Labels = labels, Urgent = urgent, Reasons = reasons, ClassifierVersion = Version };

    private (bool Distress, bool Urgent) Distress(string text, List<string> reasons)
    {
        // Blanking only removes text, so a post none of the distress rules could match on as it came is done with.
        if (!_distressStrong.MightMatch(text) && !_distressWeak.MightMatch(text) && !_urgentStrong.MightMatch(text) && !_urgent.MightMatch(text))
        {
            return (false, false);
        }

        // Idioms, titles, signposting and statistics are blanked out before the distress rules look.
        var t = _blockDistress.Blank(text);
        var strong = _distressStrong.FirstMatch(t);
        var weak = _distressWeak.Count(t);
        var help = weak > 0 ? _distressHelp.FirstMatch(t) : null;
        var urgentStrong = _urgentStrong.FirstMatch(t);
        var urgentCount = _urgent.Count(t);

        // Warning signs of imminent risk are distress in themselves ("I've written letters for everyone"), even
        // when no word for feelings is used; one sign on its own needs a second sign of any kind.
        var signs = (strong is null ? 0 : 1) + weak + urgentCount;
        var distress = urgentStrong is not null || strong is not null || weak >= 2 || (weak == 1 && help is not null)
                       || urgentCount >= 2 || (urgentCount == 1 && signs >= 2);
        if (!distress)
        {
            return (false, false);
        }

        if (urgentStrong is not null)
        {
            reasons.Add($"distress: {urgentStrong.Reason} (rule {urgentStrong.Id})");
            reasons.Add($"URGENT, risk to life: {urgentStrong.Reason} (rule {urgentStrong.Id}); advise 999");
            return (true, true);
        }

        if (strong is not null && weak == 0 && _distressStrong.Count(t) == 1 && _laughter.IsMatch(text))
        {
            reasons.Add($"a distress phrase in a joking post (laughing emoji or 'lol'): not distress (rules {strong.Id}, L-01)");
            return (false, false);
        }

        if (strong is not null)
        {
            reasons.Add($"distress: {strong.Reason} (rule {strong.Id})");
        }
        else if (weak == 0)
        {
            var rule = _urgent.FirstMatch(t)!;
            reasons.Add($"distress: several warning signs of risk to life: {rule.Reason} (rule {rule.Id})");
        }
        else
        {
            var rule = _distressWeak.Rules[0];
            reasons.Add(help is not null
                ? $"distress: {rule.Reason} and {help.Reason} (rules {rule.Id}, {help.Id})"
                : $"distress: several signs that they are struggling (rule {rule.Id})");
        }

        var urgentRule = _urgent.FirstMatch(t);
        var suicidal = strong is not null && strong.Id is "D-01" or "D-02" or "D-11";
        var time = suicidal ? _urgentTime.FirstMatch(t) : null;
        if (urgentRule is null && time is null)
        {
            return (true, false);
        }

        var negation = _urgentNegation.FirstMatch(t);
        if (negation is not null && urgentRule?.Id != "U-03")
        {
            reasons.Add($"not urgent: {negation.Reason} (rule {negation.Id})");
            return (true, false);
        }

        reasons.Add(urgentRule is not null
            ? $"URGENT, risk to life: {urgentRule.Reason} (rule {urgentRule.Id}); advise 999"
            : $"URGENT, risk to life: talks of ending a life with {time!.Reason} (rule {time.Id}); advise 999");
        return (true, true);
    }

    private bool Foi(string text, Context context, List<string> reasons)
    {
        var t = _foiBlock.Blank(text);
        var explicitRule = _foiExplicit.FirstMatch(t);
        if (explicitRule is not null)
        {
            reasons.Add($"foi_request: {explicitRule.Reason} (rule {explicitRule.Id}); 20-working-day clock starts at posting");
            return true;
        }

        var request = _foiRequest.FirstMatch(t);
        if (request is null || context.Elsewhere)
        {
            return false;
        }

        // "Does anyone know how many…" asks other people; it is a request only if it also asks the trust.
        if (_foiCrowd.FirstMatch(t) is { } crowd && !_foiRequest.Rules.Any(r => r.Id != "F-04" && r.IsMatch(t)))
        {
            reasons.Add($"a question to other people, not a request to the trust: not FOI (rule {crowd.Id})");
            return false;
        }

        var data = _foiData.FirstMatch(t);
        if (data is null)
        {
            return false;
        }

        reasons.Add($"foi_request: {request.Reason} and {data.Reason} (rules {request.Id}, {data.Id}); 20-working-day clock starts at posting");
        return true;
    }

    private bool Media(string text, TriageInput input, Context context, List<string> reasons)
    {
        // The request is checked first: it is rarer than outlet words, and the author's profile is only read for it.
        var request = _mediaRequest.FirstMatch(text);
        if (request is null)
        {
            return false;
        }

        var role = _mediaRole.FirstMatch(text);
        if (role is null)
        {
            var profile = TextNormalizer.Normalize(input.AuthorDisplayName + " | " + input.AuthorDescription);
            role = _mediaRole.FirstMatch(profile);
        }

        // Outlets rarely name the trust when replying under its posts, so the role and the request decide.
        if (role is null)
        {
            return false;
        }

        if (context.Published is { } published)
        {
            reasons.Add($"a journalist or outlet sharing a published piece, not asking the trust (rule {published.Id})");
            return false;
        }

        reasons.Add($"media_enquiry: {role.Reason} and {request.Reason} (rules {role.Id}, {request.Id})");
        return true;
    }

    private bool Complaint(string text, Context context, bool foi, List<string> reasons)
    {
        // Waiting times asked about in an FOI request are the subject of the request, not a grievance.
        var cue = foi ? _complaint.Rules.FirstOrDefault(r => r.Id != "C-01" && r.IsMatch(text)) : _complaint.FirstMatch(text);
        if (cue is null || !context.Service)
        {
            return false;
        }

        if (context.Elsewhere)
        {
            var other = context.OtherOrganisation!;
            reasons.Add($"dissatisfaction is about another organisation, not this trust ({other.Reason}, rule {other.Id})");
            return false;
        }

        if (_complaintBlock.IsMatch(text) || context.Published is not null || _foiDiscussion.IsMatch(text))
        {
            return false;
        }

        reasons.Add($"complaint: {cue.Reason} about {(context.Trustish ? "the trust's" : "a health")} service (rule {cue.Id})");
        return true;
    }

    private bool Fake(string text, TriageInput input, HandleAssessment author, Context context, List<string> reasons)
    {
        if (author.Kind == HandleKind.Lookalike)
        {
            reasons.Add($"fake_account: the author imitates the trust: {author.Cue} (rule K-10)");
            return true;
        }

        var mentioned = MentionedLookalike(input.Text);
        if (mentioned is not null)
        {
            reasons.Add($"fake_account: the post names a look-alike account: {mentioned} (rule K-11)");
            return true;
        }

        var report = _fakeReport.FirstMatch(text);
        if (report is null || !context.Trustish || !_fakeObject.IsMatch(text))
        {
            return false;
        }

        reasons.Add($"fake_account: {report.Reason} (rule {report.Id})");
        return true;
    }

    private bool StaffAbuse(string text, List<string> reasons)
    {
        var cue = _threat.FirstMatch(text) ?? _insult.FirstMatch(text);
        if (cue is null || !_abuseTarget.IsMatch(text))
        {
            return false;
        }

        reasons.Add($"staff_abuse: {cue.Reason} aimed at staff (rule {cue.Id}); keep the evidence");
        return true;
    }

    private bool Praise(string text, Context context, bool urgent, bool formalRequest, List<string> reasons)
    {
        if (urgent || !_praise.MightMatch(text) || !(context.Service || context.Trustish || context.NonEnglish) || context.Elsewhere)
        {
            return false;
        }

        var t = _praiseBlock.Blank(text);
        var cue = _praise.FirstMatch(t);
        if (cue is null || context.Published is not null)
        {
            return false;
        }

        var internalRule = _praiseInternal.FirstMatch(text);
        if (internalRule is not null)
        {
            reasons.Add($"staff celebrating colleagues, not public praise (rule {internalRule.Id})");
            return false;
        }

        // "Thanks" closing an FOI letter or a press request is a courtesy, not praise.
        if (formalRequest && cue.Id == "P-01" && _praise.Rules.Skip(1).All(r => !r.IsMatch(t)))
        {
            return false;
        }

        reasons.Add($"praise: {cue.Reason} (rule {cue.Id})");
        return true;
    }

    private CompiledRule? OtherHospital(string text)
    {
        // The place name decides, so the rule's own expression need not run first: its literals are enough.
        if (!_otherHospital.MightMatch(text))
        {
            return null;
        }

        var rule = _otherHospital.Rules[0];

        // "<our place> General" or "<our place> Hospital" is the trust's own, "the hospital" names none; any other
        // named hospital is somewhere else.
        foreach (Match m in NamedHospital().Matches(text))
        {
            var place = m.Groups[1].Value;
            if (!NotAPlaceName.Contains(place) && !_trust.HasToken(place))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>The official handle a post reposts ("rt @handle: …", normalised), or null.</summary>
    private string? RepostedOfficial(string text)
    {
        if (!text.StartsWith("rt @", StringComparison.Ordinal))
        {
            return null;
        }

        var end = text.IndexOfAny([':', ' '], 4);
        var handle = end < 0 ? text[4..] : text[4..end];
        return _trust.OfficialHandles.Contains(handle) ? handle : null;
    }

    private string? MentionedLookalike(string? raw)
    {
        if (string.IsNullOrEmpty(raw) || !raw.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var scanned = raw.Length > TextNormalizer.MaxChars ? raw[..TextNormalizer.MaxChars] : raw;
        var count = 0;
        foreach (Match m in Mention().Matches(scanned))
        {
            if (++count > 20)
            {
                break;
            }

            var assessment = _handles.Assess(m.Groups[1].Value.TrimEnd('.'));
            if (assessment.Kind == HandleKind.Lookalike)
            {
                return assessment.Cue;
            }
        }

        return null;
    }

    // Bounded (at most 41 characters from each '@'), so linear without a timeout, which would cost more than the match.
    [GeneratedRegex(@"@([A-Za-z0-9_.]{2,40})", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();

    // "[a-z]+ " could backtrack quadratically over a long run of letters: linear engine. Only run when a rule fired.
    private static Regex NamedHospital() => NamedHospitalRegex;

    private static readonly Regex NamedHospitalRegex =
        new(@"\b([a-z]+) (?:generals?|hospital|infirmary)\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>Words before "hospital" that describe or point rather than name a place ("the local hospital").</summary>
    private static readonly FrozenSet<string> NotAPlaceName = FrozenSet.Create(StringComparer.Ordinal,
        "the", "this", "that", "our", "your", "their", "his", "her", "my", "a", "an", "at", "in", "to", "from", "of", "for", "and",
        "local", "main", "new", "old", "same", "other", "nearest", "community", "district", "general", "royal", "university",
        "county", "city", "memorial", "cottage", "private", "mental", "psychiatric", "childrens", "womens", "day", "teaching",
        "specialist", "nhs", "big", "whole", "any", "no", "which", "what", "one", "acute", "rehab", "maternity", "hospice", "s");

    /// <summary>
    /// Facts about the post that several labels consult (is it about a health service, about this trust, about
    /// another organisation, a published piece), each worked out only when a label first asks for it: most posts
    /// never need most of them, and each costs a pass over the text.
    /// </summary>
    private sealed class Context(TriageEngine engine, string text, bool nonEnglish)
    {
        private bool? _service, _trustish, _strongTrust;
        private (bool Known, CompiledRule? Rule) _other, _published;

        public bool NonEnglish => nonEnglish;

        public bool StrongTrust => _strongTrust ??= engine._trust.HasStrongReference(text);

        public bool Trustish => _trustish ??= StrongTrust || engine._trust.HasToken(text) || engine._trustGeneric.IsMatch(text);

        public bool Service => _service ??= engine._service.IsMatch(text);

        /// <summary>Another organisation or hospital the post is about, if any.</summary>
        public CompiledRule? OtherOrganisation
        {
            get
            {
                if (!_other.Known) _other = (true, engine._otherOrg.FirstMatch(text) ?? engine.OtherHospital(text));
                return _other.Rule;
            }
        }

        /// <summary>About another organisation and not naming this trust in full.</summary>
        public bool Elsewhere => OtherOrganisation is not null && !StrongTrust;

        /// <summary>The rule saying the post shares a published piece, if it does.</summary>
        public CompiledRule? Published
        {
            get
            {
                if (!_published.Known) _published = (true, engine._mediaBlock.FirstMatch(text));
                return _published.Rule;
            }
        }
    }
}
