namespace Grader.Problems.Expressions;

/// <summary>
/// Did-you-mean suggestions. The caller passes names of one kind only (functions for a call, values for a name,
/// keys for a key), and a name is suggested only when it is close: at most one edit in three characters (an edit
/// being an insertion, a deletion, a substitution or two neighbours swapped; case is ignored), and for a name of
/// four characters or fewer the same first letter too, since a different first letter makes another short word
/// rather than a typo (`sin` is not `min`, `gelu` not `relu`, `x` not `y`).
/// </summary>
public static class Suggest
{
    /// <summary>Names longer than this get no suggestion: edit distance costs the product of the lengths.</summary>
    public const int MaxLength = 64;

    /// <summary>At most this many candidates are compared, so a suggestion costs bounded work.</summary>
    public const int MaxCandidates = 1000;

    /// <summary>Names of at most this many characters must also start with the same letter.</summary>
    public const int ShortName = 4;

    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        if (name.Length > MaxLength)
        {
            return null;
        }
        var limit = Math.Max(1, name.Length / 3);
        var lower = name.ToLowerInvariant();
        var best = candidates
            .Where(c => c.Length <= MaxLength && Math.Abs(c.Length - name.Length) <= limit && c != name)
            .Take(MaxCandidates)
            .Select(c => (c, d: Distance(lower, c.ToLowerInvariant())))
            .Where(p => p.d <= limit && (name.Length > ShortName || char.ToLowerInvariant(p.c[0]) == lower[0]))
            .OrderBy(p => p.d).ThenBy(p => p.c, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.c;
    }

    public static string DidYouMean(string name, IEnumerable<string> candidates, string otherwise)
    {
        var c = Closest(name, candidates);
        return c is null ? otherwise : $"did you mean `{c}`?";
    }

    /// <summary>Edits between two strings, two neighbours swapped counting as one (optimal string alignment).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
