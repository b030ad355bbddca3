namespace Grader.Problems.Yaml;

/// <summary>
/// A list written with decimal commas, <c>[0,5, 1,5]</c>, is valid YAML for four numbers (0, 5, 1, 5), so nothing
/// else would stop it. It shows in how the items are spaced: in one list on one line, some commas are followed by
/// a space and some, between two whole numbers, are not. Each such list gets a warning at its first unspaced comma.
/// A list spaced one way throughout (<c>[1,2,3]</c> or <c>[1, 2, 3]</c>) is left alone.
/// </summary>
public static class DecimalCommas
{
    public static void Find(YamlNode node, List<SpecError> warnings)
    {
        switch (node)
        {
            case YamlMapping map:
                foreach (var (_, value) in map.Entries)
                {
                    Find(value, warnings);
                }
                break;
            case YamlSequence seq:
                Check(seq, warnings);
                foreach (var item in seq.Items)
                {
                    Find(item, warnings);
                }
                break;
        }
    }

    private static void Check(YamlSequence seq, List<SpecError> warnings)
    {
        (YamlScalar Whole, YamlScalar Digits)? tight = null;
        var spaced = false;
        for (var i = 0; i + 1 < seq.Items.Count; i++)
        {
            if (seq.Items[i] is not YamlScalar { Quoted: false } a || seq.Items[i + 1] is not YamlScalar { Quoted: false } b
                || a.Location.Line != b.Location.Line || a.Location.File != b.Location.File)
            {
                continue;
            }
            var gap = b.Location.Column - (a.Location.Column + a.Value.Length);
            if (gap == 1 && IsWhole(a.Value) && IsDigits(b.Value))
            {
                tight ??= (a, b);
            }
            else if (gap > 1)
            {
                spaced = true;
            }
        }
        if (tight is { } t && spaced)
        {
            var (whole, digits) = t;
            warnings.Add(new SpecError(whole.Location,
                $"`{whole.Value},{digits.Value}` reads as two numbers, {whole.Value} and {digits.Value}, though other items of this list have a space after their comma: a decimal comma?",
                $"write decimals with a point ({whole.Value}.{digits.Value}); if these are two numbers, put a space after the comma"));
        }
    }

    private static bool IsDigits(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    private static bool IsWhole(string s) => IsDigits(s.Length > 1 && s[0] is '-' or '+' ? s[1..] : s);
}
