namespace Grader.Problems.Expressions;

/// <summary>Did-you-mean suggestions by edit distance.</summary>
public static class Suggest
{
    /// <summary>Names longer than this get no suggestion: edit distance costs the product of the lengths.</summary>
    public const int MaxLength = 64;

    /// <summary>At most this many candidates are compared, so a suggestion costs bounded work.</summary>
    public const int MaxCandidates = 1000;

    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        if (name.Length > MaxLength)
        {
            return null;
        }
        var limit = Math.Max(1, name.Length / 3);
        var best = candidates
            .Where(c => c.Length <= MaxLength && Math.Abs(c.Length - name.Length) <= limit)
            .Take(MaxCandidates)
            .Select(c => (c, d: Distance(name.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(p => p.d).ThenBy(p => p.c, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.c is not null && best.d <= limit ? best.c : null;
    }

    public static string DidYouMean(string name, IEnumerable<string> candidates, string otherwise)
    {
        var c = Closest(name, candidates);
        return c is null ? otherwise : $"did you mean `{c}`?";
    }

    private static int Distance(string a, string b)
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
            }
        }
        return d[a.Length, b.Length];
    }
}
