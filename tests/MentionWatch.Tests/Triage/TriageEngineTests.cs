using System.Text;
using MentionWatch.Triage;

namespace MentionWatch.Tests.Triage;

public sealed class TriageEngineTests
{
    [Theory]
    // First person, explicit.
    [InlineData("I keep thinking about ending my life, I can't see a way out", true)]
    // Third person: someone speaking for a relative.
    [InlineData("my brother says he can't go on and he won't talk to anyone. who do we call?", true)]
    // Subtle: feeling a burden, no crisis word.
    [InlineData("i feel like such a burden to everyone and i don't have anyone any more", true)]
    // Ongoing self-harm disclosure.
    [InlineData("I've been self harming again for weeks and I haven't told my team", true)]
    // Subtle: psychotic symptoms described by a carer.
    [InlineData("Mum is paranoid again, not sleeping, hearing voices. Her Harbourside team is closed till Monday", true)]
    // Idiom: "dying to".
    [InlineData("I'm dying to see the new ward at Harbourside!", false)]
    // Idiom: "killing me" about a queue.
    [InlineData("This queue at the cafe is killing me 😩", false)]
    // TV title, not a feeling.
    [InlineData("Suicide Squad is on again tonight, every week I swear", false)]
    // Campaign, not a person.
    [InlineData("Our office did the suicide prevention e-learning today as part of the wellbeing scheme", false)]
    // Signposting to others: the author is not in distress.
    [InlineData("If you're struggling tonight, you're not alone. Samaritans are on 116 123.", false)]
    // Joke with laughing emoji.
    [InlineData("Harbourside Rovers defending today. I want to end it all 😂 season ticket for sale", false)]
    // Statistics about self-harm in an FOI request are not a person in distress.
    [InlineData("Can @HarboursideNHS confirm the number of self-harm incidents recorded on wards in 2024?", false)]
    // "Others would be better off if I were gone", phrased without "without me".
    [InlineData("Everyone would be better off if I wasn't around. Discharged by the Harbourside team last week with nothing.", true)]
    // Cannot take any more, no way out.
    [InlineData("I just can't do this anymore, there's no way out and the Harbourside waiting list is endless", true)]
    // A TV plot about suicide is not a person in distress.
    [InlineData("Watching the new drama where the main character tries to end her life, very moving scenes", false)]
    public void Classify_DistressCases_LabelsDistressOnlyWhenAPersonIsStruggling(string text, bool expected)
    {
        TestTrust.Classify(text).Labels.Contains(Labels.Distress).ShouldBe(expected);
    }

    [Theory]
    // Intent with a time.
    [InlineData("I've decided tonight is it. sorry everyone")]
    // Plan and means, third person.
    [InlineData("My son has just told me he has a plan to end his life and the means at home. Who do I ring?")]
    // Cannot keep safe.
    [InlineData("@HarboursideNHS I can't keep myself safe tonight, please call me")]
    // Final goodbye without any feeling word.
    [InlineData("by the time anyone reads this I won't be here. thank you for trying")]
    // Means taken.
    [InlineData("i've taken something. i'm scared now. i don't know what to do")]
    // Third person: goodbyes said and pets given away, phone not answered.
    [InlineData("my sister messaged me saying she's said her goodbyes and wants me to have her cat. she won't answer her phone. what do I do")]
    // A place of risk and a farewell, no feeling word.
    [InlineData("Standing on the bridge by the river now. I'm done. Sorry everyone.")]
    // Means ready.
    [InlineData("I have the rope ready. I'm sorry mum.")]
    // Letters to the family and a time.
    [InlineData("I've written a letter to each of my kids. Tonight I'm going to finally be at peace.")]
    // Means being gathered (a word the rules must match in all its forms).
    [InlineData("My dad keeps saying he wants to die and has been stockpiling his tablets.")]
    // Third person reporting intent now.
    [InlineData("please can someone call my brother back, he's been sat in his car for hours saying he wants to end it")]
    public void Classify_ImmediateRiskToLife_IsDistressAndUrgent(string text)
    {
        var result = TestTrust.Classify(text);
        result.Labels.ShouldContain(Labels.Distress);
        result.Urgent.ShouldBeTrue(string.Join(" | ", result.Reasons));
    }

    [Theory]
    // Says explicitly they will not act: distress, not urgent.
    [InlineData("5am and the thoughts are loud. everyone would be better off without me. I'm not going to do anything, I just want it to stop")]
    // Self-harm without risk to life is distress but not urgent.
    [InlineData("relapsed tonight and hurt myself again. I've cleaned it up and I don't want to die, just ashamed")]
    public void Classify_DistressWithoutImmediateRisk_IsNotUrgent(string text)
    {
        var result = TestTrust.Classify(text);
        result.Labels.ShouldContain(Labels.Distress);
        result.Urgent.ShouldBeFalse();
    }

    [Theory]
    // Named as FOI.
    [InlineData("Under the Freedom of Information Act please provide the number of restraints on each ward in 2025.", true)]
    // Not named as FOI: a request for figures.
    [InlineData("@HarboursideNHS how many agency nurses did you pay for in 2024?", true)]
    // Request for documents.
    [InlineData("Can the trust publish the minutes of the board meeting where the closure was approved?", true)]
    // Service question, not recorded information.
    [InlineData("What are visiting hours on the ward at Harbourside?", false)]
    // Own records: a subject access question.
    [InlineData("How do I get a copy of my own records from Harbourside?", false)]
    // Discussing FOI results already published.
    [InlineData("The FOI responses from Harbourside show restraint is up again. Worth a read.", false)]
    // Rhetorical "how many more" is a complaint.
    [InlineData("How many more families have to chase @HarboursideNHS for a discharge summary?", false)]
    // A question to other people, not to the trust.
    [InlineData("Does anyone know how many beds are on ward 7 at Harbourside?", false)]
    // Asks other people first, then asks the trust directly: a request.
    [InlineData("Does anyone know if Harbourside publish their waiting times? If not, @HarboursideNHS please share the 2025 average wait for a first appointment.", true)]
    public void Classify_FoiCases_LabelsRequestsForRecordedInformation(string text, bool expected)
    {
        TestTrust.Classify(text).Labels.Contains(Labels.FoiRequest).ShouldBe(expected);
    }

    [Theory]
    // Missed visits at the trust.
    [InlineData("District nurses didn't turn up again for Dad's dressings. Nobody answers the phone. Not good enough @HarboursideNHS", true)]
    // Cancellation and a demand.
    [InlineData("Harbourside CAMHS cancelled my son's appointment again the night before. Who do I complain to?", true)]
    // About the GP surgery, not the trust.
    [InlineData("Elm Road Surgery phone queue: 38th in line. Every single day. Not good enough.", false)]
    // About the council.
    [InlineData("Harbourside Borough Council still haven't collected our bins. Disgraceful.", false)]
    // About another hospital.
    [InlineData("Kettleby General's A&E is a disgrace, 11 hours waiting", false)]
    // Disappointment with how staff spoke to a relative, without any of the stronger words.
    [InlineData("Really disappointed with the way my dad was spoken to at Harbourside outpatients today. No compassion at all.", true)]
    public void Classify_ComplaintCases_LabelsDissatisfactionWithThisTrust(string text, bool expected)
    {
        TestTrust.Classify(text).Labels.Contains(Labels.Complaint).ShouldBe(expected);
    }

    [Theory]
    // Press office asked for comment with a deadline.
    [InlineData("#journorequest @HarboursideNHS press office – could I get a comment on CAMHS waits by 4pm today?", true)]
    // Radio asks for an interviewee.
    [InlineData("Radio producer here – would the trust put a clinician up for interview on our breakfast show?", true)]
    // Reporter sharing a published piece.
    [InlineData("My piece on Harbourside waiting lists is out now – thank you to the families who spoke to me.", false)]
    // A producer asking for a conversation with the press team.
    [InlineData("Producer at Channel 4 here - we're investigating restraint in mental health units and would welcome a conversation with Harbourside's press team", true)]
    public void Classify_MediaCases_LabelsRequestsFromJournalists(string text, bool expected)
    {
        TestTrust.Classify(text).Labels.Contains(Labels.MediaEnquiry).ShouldBe(expected);
    }

    [Fact]
    public void Classify_JournalistAskingForFigures_IsMediaAndFoi()
    {
        // FORMAT.md boundary: a journalist asking for figures is both.
        var result = TestTrust.Classify("@HarboursideNHS press office – for a story tomorrow, can you tell us how many patients were placed out of area in 2025, and give us a comment?");
        result.Labels.ShouldContain(Labels.MediaEnquiry);
        result.Labels.ShouldContain(Labels.FoiRequest);
    }

    [Theory]
    // Lookalike author with a zero for an o.
    [InlineData("Book a FAST-TRACK assessment via the link in bio, £25 admin fee", "H4rboursideNHS", "Harbourside Mental Health NHS FT", "x", true)]
    // Official account: never flagged.
    [InlineData("Our crisis line is open 24/7. Call 111 option 2.", "HarboursideNHS", "Harbourside Mental Health NHS FT", "x", false)]
    // A member of the public reporting a fake page.
    [InlineData("There's a fake 'Harbourside NHS Jobs' page asking for £95 DBS fees. The real trust never charges!", "kim_b", "Kim", "facebook", true)]
    // A generic scam text that is not about an account imitating the trust.
    [InlineData("Another 'NHS' text asking for £1.99 postage. Don't click.", "kim_b", "Kim", "x", false)]
    // Unrelated business sharing the place name.
    [InlineData("New spin classes from Monday!", "harboursidehealthclub", "Harbourside Health & Fitness Club", "instagram", false)]
    public void Classify_FakeAccountCases_FlagsImpersonationOnly(string text, string handle, string displayName, string platform, bool expected)
    {
        TestTrust.Classify(text, handle, displayName, platform).Labels.Contains(Labels.FakeAccount).ShouldBe(expected);
    }

    [Theory]
    // Insult aimed at a receptionist.
    [InlineData("your receptionist is a stuck-up b*tch and I'll be waiting for her at 5", true)]
    // Threat to a named doctor.
    [InlineData("I know where that doctor from the CMHT parks his car. Just saying", true)]
    // Idiom, no target.
    [InlineData("I could kill for a coffee right now, 12 hour shift done", false)]
    // Wishing damage on a named doctor's property.
    [InlineData("Dr Patel at Harbourside is a liar, I hope someone keys his car", true)]
    public void Classify_StaffAbuseCases_FlagsAbuseAimedAtStaff(string text, bool expected)
    {
        TestTrust.Classify(text).Labels.Contains(Labels.StaffAbuse).ShouldBe(expected);
    }

    [Theory]
    // Thanks from a relative.
    [InlineData("Huge thank you to the district nurses who looked after my dad. Kind and patient. @HarboursideNHS", true)]
    // Thanks for past crisis help is praise, not distress.
    [InlineData("Two years ago the crisis team picked me up at my lowest. I'm well now. Thank you @HarboursideNHS", true)]
    // Staff congratulating a colleague.
    [InlineData("So proud of my colleague for passing her exams! Drinks on Friday #HarboursideNHS", false)]
    // Sarcasm.
    [InlineData("Brilliant system 👏 letters sent to my old address again", false)]
    // Thanks to another named hospital is not praise for this trust.
    [InlineData("Thank you to the staff at St Mary's Hospital in London for looking after my gran", false)]
    // Thanks to the trust's own hospital, named by its place: praise.
    [InlineData("Thank you to the staff at Harbourside Hospital for looking after my gran", true)]
    // A compliment without "thank you".
    [InlineData("Nurse Jenny on the Harbourside stroke unit deserves a medal, so kind to my mum", true)]
    // A review-style compliment: stars and clear explanations.
    [InlineData("Five stars for the Harbourside memory clinic, they explained everything so clearly", true)]
    public void Classify_PraiseCases_FlagsPublicThanks(string text, bool expected)
    {
        var result = TestTrust.Classify(text);
        result.Labels.Contains(Labels.Praise).ShouldBe(expected);
        result.Labels.ShouldNotContain(Labels.Distress);
    }

    [Fact]
    public void Classify_OfficialAccountPost_HasNoLabel()
    {
        // The trust's own thank-you to its staff is not praise.
        TestTrust.Classify("Thank you to every one of our nurses, you are amazing 💙", "harbourside_nhs", "Harbourside NHS", "instagram")
            .Labels.ShouldBeEmpty();
    }

    [Fact]
    public void Classify_RepostOfTheOfficialAccount_ClassifiedOnTheWordsThatFollow()
    {
        // "rt @<official>" is no way round triage: a crisis typed after it is still a crisis.
        var crisis = TestTrust.Classify("RT @HarboursideNHS: I can't keep myself safe tonight, I've got the pills ready");
        crisis.Labels.ShouldContain(Labels.Distress);
        crisis.Urgent.ShouldBeTrue();
        crisis.Reasons.ShouldContain(r => r.StartsWith("reposts the trust's official account @harboursidenhs", StringComparison.Ordinal));

        // The trust's own signposting, reposted, is still not a person in distress.
        TestTrust.Classify("RT @HarboursideNHS: If you're struggling tonight, you're not alone. Samaritans are on 116 123.")
            .Labels.ShouldBeEmpty();
    }

    [Theory]
    // Crisis words in the languages most written to UK trusts, with a time or a goodbye: urgent, as in English.
    [InlineData("Nie chcę już żyć, dziś w nocy to skończę. Szpital odesłał mnie do domu")]
    [InlineData("Dw i eisiau marw heno, does neb yn gwrando yn yr ysbyty")]
    [InlineData("Quero morrer, esta noite vou acabar com tudo. O hospital não me ajudou")]
    [InlineData("Vreau să mor. Adio tuturor, spitalul nu m-a ajutat")]
    [InlineData("Chcem zomrieť, dnes v noci to ukončím, v nemocnici mi nepomohli")]
    [InlineData("Waan is dilayaa caawa, cisbitaalka ima caawin")]
    [InlineData("میں مرنا چاہتا ہوں، آج رات سب ختم")]
    [InlineData("أريد أن أموت الليلة، المستشفى رفض مساعدتي")]
    [InlineData("ਮੈਂ ਮਰਨਾ ਚਾਹੁੰਦਾ ਹਾਂ ਅੱਜ ਰਾਤ")]
    [InlineData("আমি মরে যেতে চাই, আজ রাতে")]
    [InlineData("Ez dixwazim bimirim îşev, nexweşxane alîkariya min nake")]
    [InlineData("mein marna chahta hoon aaj raat, koi madad nahi karta")]
    public void Classify_CrisisInAnotherLanguage_UrgentAndForAHumanToRead(string text)
    {
        var result = TestTrust.Classify(text, lang: null);

        Check.That(result.Labels.Contains(Labels.Distress) && result.Urgent, $"expected urgent distress for '{text}'; got [{string.Join(", ", result.Labels)}], urgent {result.Urgent}: {string.Join(" | ", result.Reasons)}");
        Check.That(result.NeedsHumanRead, $"expected '{text}' to need a human read");
    }

    [Fact]
    public void Classify_EnglishPost_NeedsNoHumanReadForLanguage()
    {
        TestTrust.Classify("The Harbourside crisis team were brilliant with my son last night", lang: null).NeedsHumanRead.ShouldBeFalse();
    }

    [Fact]
    public void Classify_NonEnglishPostWithNoLabel_StillNeedsAHumanRead()
    {
        var result = TestTrust.Classify("Byłam wczoraj w Harbourside, jutro idę znowu", lang: null);
        result.Labels.ShouldBeEmpty();
        result.NeedsHumanRead.ShouldBeTrue();
        result.Reasons.ShouldContain(r => r.StartsWith("not English (Polish): needs a human read", StringComparison.Ordinal));
    }

    [Fact]
    public void Classify_NonEnglishPost_SaysSoAndStillClassifies()
    {
        var result = TestTrust.Classify("Diolch o galon i'r nyrsys yn Harbourside am ofalu am Mam 💚", lang: "cy");
        result.Reasons.ShouldContain(r => r.StartsWith("not English (Welsh): needs a human read", StringComparison.Ordinal));
        result.Labels.ShouldContain(Labels.Praise);
    }

    [Fact]
    public void Classify_AnyVerdict_CarriesReasonsAndVersion()
    {
        var result = TestTrust.Classify("Harbourside Road closed for water works");
        result.Reasons.ShouldNotBeEmpty();
        result.ClassifierVersion.ShouldStartWith("rules-");
    }

    [Fact]
    public void Classify_OneMegabyteAdversarialInput_ReadsOnlyTheFirstMaxCharsCharacters()
    {
        // Repeated near-matches and long runs are what make backtracking engines explode. The work is bounded by
        // what the engine reads — the first MaxChars characters, whatever the post's size — and by its expressions
        // being linear-time (the backtracking ones fall back when they would not be: RuleBookTests). How long it takes
        // is the benchmark's to measure (mentionwatch bench --classifier-only), not a test's.
        var sb = new StringBuilder(1_100_000);
        while (sb.Length < 1_000_000)
        {
            sb.Append("waited waited waited for for for aaaaaaaaaaaaaaaa nobody nobody from from the the ");
            sb.Append(new string('a', 500)).Append('\u200B').Append("I want to ");
        }

        var whole = new TriageInput { Platform = "x", Text = sb.ToString(), AuthorHandle = new string('n', 5000) };
        var prefix = whole with { Text = sb.ToString(0, TextNormalizer.MaxChars) };

        var result = TestTrust.Engine.Classify(whole);

        result.Reasons.ShouldNotBeEmpty();
        result.ShouldBeEquivalentTo(TestTrust.Engine.Classify(prefix));
    }

    [Fact]
    public void Classify_ManyThreadsAtOnce_GiveTheSameVerdicts()
    {
        const string text = "@HarboursideNHS I can't keep myself safe tonight";
        var expected = TestTrust.Classify(text);
        Parallel.For(0, 200, _ => TestTrust.Classify(text).Urgent.ShouldBe(expected.Urgent));
    }
}
