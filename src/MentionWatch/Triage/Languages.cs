using System.Collections.Frozen;

namespace MentionWatch.Triage;

/// <summary>A language a post was found to be written in: its code (ISO 639 where there is one) and its name in English.</summary>
public sealed record DetectedLanguage(string Code, string Name)
{
    public static readonly DetectedLanguage English = new("en", "English");

    public bool IsEnglish => Code == "en";
}

/// <summary>
/// Tells which language a post is written in, cheaply enough to run on every post: the script its letters are in
/// (Arabic-script languages told apart by the letters each adds), and for Latin script the share of each
/// language's commonest words. Lingua (SearchPioneer.Lingua 2.0.0) was measured first on the training corpus: 1.8 GB
/// in its accurate mode and 170 MB at 400 posts/s in its low-accuracy mode, too much for a service that classifies
/// 2,000 posts/s in 300 MB. This agrees with the corpus writers' own language on over 97% of posts (see
/// <c>LanguagesTests</c>); where it cannot tell, the post is taken as English and the rules and model read it.
/// </summary>
public static class Languages
{
    /// <summary>How much of a post is looked at.</summary>
    private const int Window = 2_000;

    /// <summary>
    /// The language of <paramref name="normalized"/> (text from <see cref="TextNormalizer.Normalize"/>); English
    /// when it is English or too short to tell.
    /// </summary>
    public static DetectedLanguage Detect(string normalized)
    {
        var text = normalized.Length > Window ? normalized[..Window] : normalized;
        var latin = 0;
        var other = 0;
        var scripts = new Dictionary<string, int>();
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            if (c <= 0x24F) { latin++; continue; }
            other++;
            var script = ScriptOf(c);
            if (script is not null) scripts[script] = scripts.GetValueOrDefault(script) + 1;
        }

        if (other > latin && scripts.Count > 0)
        {
            var script = scripts.MaxBy(s => s.Value).Key;
            return script == "arabic" ? ArabicScript(text) : ByScript[script];
        }

        return latin == 0 ? DetectedLanguage.English : LatinScript(text);
    }

    /// <summary>The language of a platform's own tag (<c>lang</c>), when it names one; null for none or "und".</summary>
    public static DetectedLanguage? FromTag(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag) || tag.Equals("und", StringComparison.OrdinalIgnoreCase)) return null;
        var code = tag.Split('-', '_')[0].ToLowerInvariant();
        return code == "en" ? DetectedLanguage.English : new DetectedLanguage(code, NameOf(code));
    }

    private static string NameOf(string code) =>
        ByCode.TryGetValue(code, out var language) ? language.Name : $"language '{code}'";

    private static string? ScriptOf(char c) => c switch
    {
        >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF' => "arabic",
        >= '\u0A00' and <= '\u0A7F' => "gurmukhi",
        >= '\u0980' and <= '\u09FF' => "bengali",
        >= '\u0900' and <= '\u097F' => "devanagari",
        >= '\u0A80' and <= '\u0AFF' => "gujarati",
        >= '\u0B80' and <= '\u0BFF' => "tamil",
        >= '\u0C00' and <= '\u0C7F' => "telugu",
        >= '\u0D00' and <= '\u0D7F' => "malayalam",
        >= '\u0D80' and <= '\u0DFF' => "sinhala",
        >= '\u0400' and <= '\u04FF' => "cyrillic",
        >= '\u0370' and <= '\u03FF' => "greek",
        >= '\u0590' and <= '\u05FF' => "hebrew",
        >= '\u1200' and <= '\u137F' => "ethiopic",
        >= '\u0E00' and <= '\u0E7F' => "thai",
        >= '\u3040' and <= '\u30FF' => "japanese",
        >= '\uAC00' and <= '\uD7AF' => "korean",
        >= '\u4E00' and <= '\u9FFF' => "chinese",
        _ => null,
    };

    private static readonly FrozenDictionary<string, DetectedLanguage> ByScript = new Dictionary<string, DetectedLanguage>
    {
        ["gurmukhi"] = new("pa", "Punjabi"),
        ["bengali"] = new("bn", "Bengali"),
        ["devanagari"] = new("hi", "Hindi"),
        ["gujarati"] = new("gu", "Gujarati"),
        ["tamil"] = new("ta", "Tamil"),
        ["telugu"] = new("te", "Telugu"),
        ["malayalam"] = new("ml", "Malayalam"),
        ["sinhala"] = new("si", "Sinhala"),
        ["cyrillic"] = new("ru", "Russian, Ukrainian or another Cyrillic-script language"),
        ["greek"] = new("el", "Greek"),
        ["hebrew"] = new("he", "Hebrew"),
        ["ethiopic"] = new("ti", "Tigrinya or Amharic"),
        ["thai"] = new("th", "Thai"),
        ["japanese"] = new("ja", "Japanese"),
        ["korean"] = new("ko", "Korean"),
        ["chinese"] = new("zh", "Chinese"),
    }.ToFrozenDictionary();

    private static readonly DetectedLanguage Urdu = new("ur", "Urdu");
    private static readonly DetectedLanguage Sorani = new("ckb", "Kurdish (Sorani)");
    private static readonly DetectedLanguage Persian = new("fa", "Persian");
    private static readonly DetectedLanguage Arabic = new("ar", "Arabic");

    /// <summary>Arabic script: Sorani Kurdish, Urdu and Persian each write letters Arabic does not.</summary>
    private static DetectedLanguage ArabicScript(string text)
    {
        if (text.AsSpan().IndexOfAny(SoraniLetters) >= 0) return Sorani;
        if (text.AsSpan().IndexOfAny(UrduLetters) >= 0) return Urdu;
        if (text.AsSpan().IndexOfAny(PersianLetters) >= 0) return Persian;
        return Arabic;
    }

    private static readonly System.Buffers.SearchValues<char> SoraniLetters = System.Buffers.SearchValues.Create("\u06CE\u06C6\u06B5\u0695");
    private static readonly System.Buffers.SearchValues<char> UrduLetters = System.Buffers.SearchValues.Create("\u06D2\u06BA\u0679\u0688\u0691\u06C1");
    private static readonly System.Buffers.SearchValues<char> PersianLetters = System.Buffers.SearchValues.Create("\u067E\u0686\u0698\u06AF\u06CC");

    /// <summary>Latin script: the language whose common words the post uses most, if that beats English.</summary>
    private static DetectedLanguage LatinScript(string text)
    {
        // Most posts are English, and one look per word tells: the other languages are only asked when under 40% of
        // the words are common English ones.
        var words = new List<string>();
        var english = 0;
        foreach (var range in text.AsSpan().SplitAny(WordBreaks))
        {
            var word = text.AsSpan()[range].Trim("#@*_~'");
            if (word.Length == 0 || !char.IsLetter(word[0])) continue;
            // Polish ł and Turkish ı have no accent to fold: read as l and i.
            var key = word.ContainsAny('ł', 'ı') ? word.ToString().Replace('ł', 'l').Replace('ı', 'i') : word.ToString();
            words.Add(key);
            if (EnglishWords.Contains(key)) english++;
        }

        if (words.Count == 0 || english * 5 >= words.Count * 2) return DetectedLanguage.English;

        var best = (Language: (LatinLanguage?)null, Hits: 0);
        foreach (var language in LatinLanguages)
        {
            var hits = words.Count(language.Words.Contains);
            if (hits > best.Hits) best = (language, hits);
        }

        // Two of a language's common words and more of them than of English's; in a post of a few words, one will do
        // when no English word is there ("Diolch o galon!").
        return best.Language is { } found && ((best.Hits >= 2 && best.Hits > english) || (english == 0 && words.Count <= 3))
            ? found.Language
            : DetectedLanguage.English;
    }

    private static readonly System.Buffers.SearchValues<char> WordBreaks = System.Buffers.SearchValues.Create(" .,;:!?\"()[]/-…\u00A0");

    private sealed record LatinLanguage(DetectedLanguage Language, FrozenSet<string> Words);

    private static LatinLanguage Latin(string code, string name, string words) =>
        new(new DetectedLanguage(code, name), words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal));

    /// <summary>English's commonest words, as <see cref="TextNormalizer"/> writes them (no apostrophes).</summary>
    private static readonly FrozenSet<string> EnglishWords = (
        "the a an and or but is are was were be been being am im ive id i me my mine you your youre he she it its we our they " +
        "their them his her this that these those to of in on at for with from by about as not no dont cant wont didnt doesnt " +
        "isnt wasnt have has had do does did will would can could should just so if then than what when where who why how all " +
        "any some there here out up get got after again still now today tonight going know like people time one only very " +
        "really thank thanks please help been into over more most much many never ever always every because before while " +
        "being they're theyre thats whats our us him said says told waiting waited left week weeks day days hours")
        .Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Languages written in Latin letters, each with common words that are not also common English (accents folded,
    /// as <see cref="TextNormalizer"/> leaves them; Polish ł and Turkish ı read as l and i).
    /// </summary>
    private static readonly LatinLanguage[] LatinLanguages =
    [
        Latin("cy", "Welsh",
            "yn y yr ac mae dw dwi ddim fy ei wedi gyda ar hefyd iawn diolch mewn ond roedd bod nid nhw chi ni fi ein eich oedd " +
            "ydy ydw sydd gan efo pan pob hwn yma yno nawr rwan heddiw heno cael gael mynd wneud gwneud plis ysbyty meddyg " +
            "nyrs achos mor mwy byth erioed gallu angen eisiau isio moyn helpu fawr bach drwg gyd pawb unrhyw rhywun neb " +
            "sut ble lle pryd fel dros trwy wrth heb ers newydd teulu ti dy o galon calon fawr iddi iddo ir wnaeth wnes roeddwn fe yng ym cymraeg gofal aros oriau diwrnod wythnos gwasanaeth maen dwin oes ydi fod fynd hynny felly ddoe yfory"),
        Latin("pl", "Polish",
            "nie jest sie z ze jak co mnie mi moj moja moje mojego mojej ale tak juz jestem byl byla bylo bardzo tylko tego " +
            "po od dla przez czy gdy kiedy gdzie dlaczego ktory ktora ktore nikt nic wszystko prosze dziekuje dzien dobry " +
            "szpital szpitalu szpitala lekarz lekarza pielegniarki mama mamy tata dziecko moze musze chce ma sa bo jego jej " +
            "nam nas wam pan pani teraz dzisiaj dzis wczoraj jutro godzin godziny bez przy pod nad tam tu tutaj juz " +
            "bylem czekam czekalam czekalem pomocy pomoc zycie zyc nikogo nawet znowu nadal wciaz jeszcze ktos sobie siebie jestes jestesmy oddziale lekarze dzieki czlowiek"),
        Latin("ro", "Romanian",
            "si este sunt nu la cu pe din ca mai fost pentru dar foarte mea meu mele mei ma imi sa se intr acest aceasta " +
            "aici acum azi astazi spital spitalul spitalului medicul asistenta mama tata copil copilul nimeni nimic tot " +
            "toti toata vreau trebuie ajutor va multumesc multumim ore zile dupa inainte fara prin despre sau cand unde " +
            "cum ce cine asteptat astept niciun nicio sotul sotia"),
        Latin("pt", "Portuguese",
            "nao que os uma com para por em na da dos das mais muito minha meu meus minhas ele ela eles nos voce esta estou " +
            "foi sao tem tenho hospitalar medico enfermeira mae pai filho filha ninguem nada tudo obrigado obrigada hoje " +
            "ontem amanha horas dias sem depois antes quando onde como porque quero preciso ajuda atendimento consulta " +
            "ainda tambem isso isto aqui agora o e vida estava fiquei eu mas sua seu pelo pela ao nem ja"),
        Latin("sk", "Slovak",
            "nie je som sa z zo ako ale uz len velmi moj moja moje mojej mame mama otec dieta nemocnica nemocnici nemocnice " +
            "lekar lekara sestra nikto nic vsetko prosim dakujem dnes vcera zajtra hodin hodiny bez pri pod nad tam tu teraz " +
            "preco kde kedy ktory ktora ktore chcem musim moze bol bola bolo boli sme ste su jeho jej nam vam pre pomoc " +
            "cakam cakala cakal zivot"),
        Latin("so", "Somali",
            "waa iyo ayaa ka ku oo ee aan waxaan waxay uu ay si kale hooyo aabe cisbitaal cisbitaalka dhakhtar dhakhtarka " +
            "kalkaaliso caawimaad mahadsanid maanta shalay berri saacado maalmo wax qof ilmaha caruurta badan aad fadlan " +
            "sidee maxaa xaggee goorma weli hadda wuxuu waxa jiro jira ahay yahay tahay nahay waan ima ii ayaan ayuu kuma lagu waxba caawa caawin hooyaday aabahay walaalkay"),
        Latin("ku", "Kurdish (Kurmanji)",
            "ez em hun ew te wan ji li bi di ku ne na ci cima ki heye hene nine dixwazim nexwesxane bijisk dayika bave " +
            "zarok roj iro sibe duh gelek pir spas xwe ve ev vi wi jine mala"),
        Latin("es", "Spanish",
            "que el la los las y en es por para mi mis muy pero esta estoy medico nadie nada todo gracias hoy ayer horas " +
            "hasta despues cuando donde como porque quiero necesito ayuda tambien aqui ahora su sus lo le del al una un"),
        Latin("fr", "French",
            "le la les de des du et est je jai suis pas ne que qui pour dans avec sur ma mes tres mais hopital personne " +
            "rien tout merci aujourdhui hier heures sans apres quand ou comment pourquoi veux besoin aussi ici maintenant " +
            "une un il elle nous vous ils cest"),
        Latin("it", "Italian",
            "il lo la gli le di che e sono mio mia molto ma ospedale nessuno niente tutto grazie oggi ieri ore " +
            "senza dopo quando perche voglio bisogno aiuto anche qui adesso ora una uno della del nel"),
        Latin("de", "German",
            "der das und ist ich nicht mit fur auf ein eine mein meine sehr aber krankenhaus niemand nichts alles danke " +
            "heute gestern stunden ohne nach wenn wo wie warum brauche hilfe auch hier jetzt sie wir sind habe "),
        Latin("lt", "Lithuanian",
            "ir ne yra mano labai ligonine niekas nieko viskas aciu siandien valandas po kai kur kaip kodel noriu reikia " +
            "pagalbos taip cia dabar su kad tai jis ji mes jus"),
        Latin("tr", "Turkish",
            "ve bir bu sen cok ama icin degil var yok hastane hastanede kimse hic tesekkur bugun dun saat sonra " +
            "nasil neden nerede istiyorum yardim ile annem babam saat bekledim beni bana benim gibi daha acil gun cocugum olarak oldu diye ne mi hastaneye hastaneden " +
            "de da ki su ben biz siz onlar sey mu artik hala cunku kadar bunu sana seni ona onu kendimi annemi babami hemsire doktor doktoru randevu"),
        Latin("ur-Latn", "Urdu, Hindi, Punjabi or Gujarati in Latin letters",
            "hai hain nahi nahin mein mai ki ka ke ko se aur bhi kya kyun mujhe mera meri mere hum humein tum aap yeh ye woh wo " +
            "tha thi hota hoti kar karo karna raha rahi rahe gaya gayi ghanta ghante aaj kal abhi ammi abbu maa beti bahut " +
            "bohat koi kuch sab lekin magar kab kahan kaise kyunki chahiye chahta chahti madad shukriya meherbani logon " +
            "saath bina baad pehle waqt mainu tuhanu vich nu di da che nathi maru mari mane tame kem shu hatu hati karyu gayo"),
        Latin("lv", "Latvian",
            "un ir es mans mana ar par uz bet ka kas nav slimnica arsts mamma loti paldies sodien vakar stundas pec kad kur " +
            "kapec gribu vajag palidziba ari tagad vins vina mes jus"),
        Latin("hu", "Hungarian",
            "es az hogy nem van volt vagyok egy de meg mar csak nagyon kell mert ha en te mi ti ok ezt azt itt ott most ma " +
            "tegnap holnap orat oraja orak korhaz korhazban korhazba orvos orvost orvosok anyam apam anyukam gyerek gyerekem " +
            "senki semmi minden koszonom koszi kerem segitseg segitsetek akarok tudom nincs sem mint mikor hol hogyan miert " +
            "vagy lett lesz nekem engem velem nalam ami aki mindig soha"),
        Latin("sq", "Albanian",
            "dhe nje te per nuk eshte jam ishte kam ka kemi une ai ajo ju ata spitali spitalin mjeku mjekun doktori " +
            "infermierja nena nenen babai femija femijen askush asgje gjithcka faleminderit sot dje neser ore pas kur ku si " +
            "pse dua duhet ndihme edhe ketu tani por shume mua tim time jo po"),
        Latin("sn", "Shona",
            "ndi ndiri ndine ndakanga ndinoda ndaida hapana zvese zvakanaka asi uye kuti kana vana amai baba mwana mwanangu " +
            "chipatara chiremba varapi ndapota maita basa mazuva nhasi nezuro mangwana nguva rubatsiro handina handisi hazvina " +
            "kwazvo zvino ndiani sei nei pano ipapo vanhu munhu ndakamirira"),
        Latin("yo", "Yoruba",
            "mo ti si fun pe won awon ko ati sugbon emi iwo oun awa eyin ile iwosan dokita omo iya baba se loni ana ola " +
            "wakati ran lowo jowo ese nkan kankan gbogbo"),
        Latin("ta-Latn", "Tamil in Latin letters",
            "enna illai illa romba naan ennoda enakku amma appa vandhu irukku panna pannanga sollunga theriyala aana"),
    ];

    private static readonly FrozenDictionary<string, DetectedLanguage> ByCode =
        LatinLanguages.Select(l => l.Language)
            .Concat(ByScript.Values)
            .Concat([Urdu, Sorani, Persian, Arabic, DetectedLanguage.English])
            .DistinctBy(l => l.Code)
            .ToFrozenDictionary(l => l.Code, StringComparer.Ordinal);
}
