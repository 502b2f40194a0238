using System.Collections.Frozen;

namespace MentionWatch.Triage;

/// <summary>
/// Finds which of a fixed set of literal strings occur in a text, all of them in one pass (an Aho–Corasick automaton
/// over the characters the literals use). The rule book's prefilters ask this once per text instead of each running
/// a multi-string search of its own: forty searches, each over its own tables, cost more than the regexes they were
/// there to skip, because on a stream of different posts every table is cold in the CPU cache. Immutable and safe to
/// share between threads; the last text scanned on each thread is remembered (see <see cref="Scan"/>).
/// </summary>
public sealed class LiteralScanner
{
    [ThreadStatic] private static LiteralScanner? t_owner;
    [ThreadStatic] private static string? t_text;
    [ThreadStatic] private static ulong[]? t_found;

    private readonly FrozenDictionary<string, int> _ids;
    private readonly ushort[] _asciiClass = new ushort[128];
    private readonly FrozenDictionary<char, ushort> _otherClass;
    private readonly int _classes;
    private readonly int[] _next;
    private readonly int[][] _outputs;

    /// <summary>Builds the automaton for <paramref name="literals"/> (duplicates and empty strings are ignored).</summary>
    public LiteralScanner(IEnumerable<string> literals)
    {
        var list = literals.Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        _ids = list.Select((l, i) => (l, i)).ToFrozenDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        Count = list.Count;

        // Class 0 is every character no literal uses: it always leads back to the root.
        var other = new Dictionary<char, ushort>();
        var classes = 1;
        foreach (var c in list.SelectMany(l => l).Distinct().Order())
        {
            if (c < 128) _asciiClass[c] = (ushort)classes++;
            else other[c] = (ushort)classes++;
        }

        _otherClass = other.ToFrozenDictionary();
        _classes = classes;

        // The trie, then failure links breadth first, folding them into a complete transition table.
        var children = new List<int[]> { NewRow(classes) };
        var own = new List<List<int>> { new() };
        for (var id = 0; id < list.Count; id++)
        {
            var state = 0;
            foreach (var c in list[id])
            {
                var cls = ClassOf(c);
                if (children[state][cls] < 0)
                {
                    children[state][cls] = children.Count;
                    children.Add(NewRow(classes));
                    own.Add([]);
                }

                state = children[state][cls];
            }

            own[state].Add(id);
        }

        var states = children.Count;
        _next = new int[states * classes];
        var fail = new int[states];
        var outputs = new List<int>[states];
        outputs[0] = own[0];
        var queue = new Queue<int>();
        for (var cls = 0; cls < classes; cls++)
        {
            var child = children[0][cls];
            _next[cls] = Math.Max(child, 0);
            if (child > 0)
            {
                fail[child] = 0;
                queue.Enqueue(child);
            }
        }

        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            outputs[state] = [.. own[state], .. outputs[fail[state]]];
            for (var cls = 0; cls < classes; cls++)
            {
                var child = children[state][cls];
                if (child < 0)
                {
                    _next[state * classes + cls] = _next[fail[state] * classes + cls];
                    continue;
                }

                _next[state * classes + cls] = child;
                fail[child] = _next[fail[state] * classes + cls];
                queue.Enqueue(child);
            }
        }

        _outputs = outputs.Select(o => o.Count == 0 ? [] : o.Distinct().ToArray()).ToArray();
    }

    /// <summary>How many distinct literals the scanner looks for.</summary>
    public int Count { get; }

    /// <summary>The id of <paramref name="literal"/> in the bit sets <see cref="Scan"/> returns.</summary>
    public int IdOf(string literal) => _ids[literal];

    /// <summary>
    /// One bit per literal, set when the literal occurs in <paramref name="text"/> (ordinal comparison). The answer
    /// for the last text scanned on this thread is kept and returned again for the same string instance, since the
    /// classifier asks about one text many times in a row. The array is only valid until the next scan on this thread
    /// and must not be changed.
    /// </summary>
    public ulong[] Scan(string text)
    {
        if (ReferenceEquals(t_owner, this) && ReferenceEquals(t_text, text))
        {
            return t_found!;
        }

        // The last answer's array is reused: nothing keeps an answer past the next scan, and the classifier scans a
        // few texts per post, so allocating one per scan would be most of what it allocates.
        var found = ReferenceEquals(t_owner, this) ? t_found! : new ulong[(Count + 63) / 64];
        t_text = null;
        Array.Clear(found);
        var state = 0;
        var next = _next;
        var classes = _classes;
        foreach (var c in text)
        {
            int cls = c < 128 ? _asciiClass[c] : _otherClass.GetValueOrDefault(c);
            state = next[state * classes + cls];
            foreach (var id in _outputs[state])
            {
                found[id >> 6] |= 1UL << id;
            }
        }

        t_owner = this;
        t_text = text;
        t_found = found;
        return found;
    }

    private int ClassOf(char c) => c < 128 ? _asciiClass[c] : _otherClass[c];

    private static int[] NewRow(int classes)
    {
        var row = new int[classes];
        Array.Fill(row, -1);
        return row;
    }
}
