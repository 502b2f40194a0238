using BenchmarkDotNet.Attributes;
using MentionWatch.Triage;

namespace MentionWatch.Benchmarks;

/// <summary>
/// Single-threaded cost of <see cref="TriageEngine.Classify"/> on typical posts of about 280 characters (the issue's
/// target is 50,000 mentions/s on one core). One operation classifies the whole batch, so mentions/s is
/// <c>Posts.Length / Mean</c>.
/// </summary>
[MemoryDiagnoser]
public class ClassifyBenchmarks
{
    private static readonly string[] Texts =
    [
        "@HarboursideNHS your receptionist hung up on me for the 3rd time today. I've been waiting 14 weeks for a callback about my dad's care on Larch ward and nobody rings back. Not good enough, who do I actually complain to? Sort it out please.",
        "Huge thank you to the district nurses in Wendlow who looked after my dad these last months. Kind, patient and always made him laugh. @HarboursideNHS you should be proud of them, we could not have kept him at home without them 💙",
        "#journorequest Writing for a national paper on the rise in adult ADHD waits. Would love a spokesperson from @HarboursideNHS, your service came up repeatedly in my research with families. Deadline Friday 4pm, DMs open, thanks!",
        "How many children are currently on the waiting list for a first CAMHS appointment at Harbourside, and how many of them have waited over 52 weeks? @HarboursideNHS please publish the figures for each month of 2025 as well.",
        "ngl im not ok. havent eaten properly in a week and cant stop crying. on the camhs list and the wait is months. dont know who to talk to anymore and everything feels really heavy at night. is there anyone i can ring tonight?",
        "Lovely sunrise over the harbour this morning on my run. Reminder to check in on your friends and family this week, it's Mental Health Awareness Week and the library has free events on every day, no booking needed 💛",
        "Is the Harbourside Rovers match still on tonight? Pitch looked waterlogged when I walked the dog past at lunchtime and the club website has been down all afternoon. Anyone heard anything from the club or the league?",
        "🎉 GIVEAWAY 🎉 To thank our amazing community we're giving away 5 x £500 supermarket vouchers! Follow, like & share and click the link in bio to claim your prize before Friday. Winners picked at random 💙 #NHS #Harbourside",
    ];

    private static readonly string[] Handles = ["jo_b", "kasia_l", "pritilalvani", "dbooth_99", "mo25_x", "shaz_rowe_", "abi_murray", "harbourside_nhs_"];

    private TriageEngine _engine = null!;
    private TriageInput[] _posts = [];

    /// <summary>The batch classified by one benchmark operation.</summary>
    public TriageInput[] Posts => _posts;

    [GlobalSetup]
    public void Setup()
    {
        _engine = TriageEngine.Create(new TrustProfile
        {
            Name = "Harbourside Mental Health NHS Foundation Trust",
            Aliases = ["Harbourside MH", "HMHFT"],
            OfficialAccounts =
            [
                new OfficialAccount { Platform = "x", Handle = "HarboursideNHS", DisplayName = "Harbourside Mental Health NHS FT" },
                new OfficialAccount { Platform = "instagram", Handle = "harbourside_nhs", DisplayName = "Harbourside NHS" },
            ],
        });
        _posts = Texts.Select((t, i) => new TriageInput { Platform = i == 7 ? "instagram" : "x", Text = t, AuthorHandle = Handles[i], AuthorDisplayName = "Someone", Lang = "en" }).ToArray();
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public int ClassifyTypicalPost()
    {
        var labels = 0;
        foreach (var post in _posts)
        {
            labels += _engine.Classify(post).Labels.Count;
        }

        return labels;
    }
}
