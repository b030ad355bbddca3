using System.Globalization;
using System.Text.RegularExpressions;

namespace Grader.Problems.Expressions;

/// <summary>
/// The name of a recurrence's iterate, as the parser writes it (no spaces): <c>h[t=3]</c>, the state variable h after
/// step 3 (<c>h[t=0]</c> its init); or iterates stacked along a new first axis, iterate <see cref="From"/> first, with
/// a slice's bounds (the end left out, either bound may be): <c>h[t=1:]</c>, <c>h[t=:3]</c>, <c>h[t=1:4]</c>.
/// </summary>
public sealed partial record IterateName(string Variable, string Index, int? At, int? From, int? To)
{
    [GeneratedRegex(@"^(?<var>[A-Za-z_][A-Za-z0-9_.]*)\[(?<index>[A-Za-z_][A-Za-z0-9_]*)=(?:(?<at>\d+)|(?<from>\d*):(?<to>\d*))\]$")]
    private static partial Regex Pattern();

    public bool IsRange => At is null;

    /// <summary>The name of iterate <paramref name="k"/> of <paramref name="variable"/>.</summary>
    public static string Of(string variable, string index, int k) => new IterateName(variable, index, k, null, null).ToString();

    /// <summary>The parts of a name the parser made from <c>h[t=...]</c>; null for any other name.</summary>
    public static IterateName? TryParse(string name)
    {
        if (!name.EndsWith(']'))
        {
            return null;
        }
        var m = Pattern().Match(name);
        if (!m.Success)
        {
            return null;
        }
        static int? Number(Group g) => g.Success && g.Value.Length > 0 ? int.Parse(g.Value, CultureInfo.InvariantCulture) : null;
        return new IterateName(m.Groups["var"].Value, m.Groups["index"].Value, Number(m.Groups["at"]), Number(m.Groups["from"]), Number(m.Groups["to"]));
    }

    public override string ToString() => IsRange
        ? string.Create(CultureInfo.InvariantCulture, $"{Variable}[{Index}={From}:{To}]")
        : string.Create(CultureInfo.InvariantCulture, $"{Variable}[{Index}={At}]");
}
