namespace Grader.Problems.Expressions;

/// <summary>
/// Characters that look like the ones the language uses but are not, as pasted from a word processor or a PDF:
/// a Unicode minus, dashes, smart quotes, a multiplication sign, a decimal comma.
/// </summary>
public static class LookAlike
{
    /// <summary>A hint for the character at <paramref name="pos"/>, or null when it is not a known look-alike.</summary>
    public static string? Hint(string text, int pos)
    {
        if (pos < 0 || pos >= text.Length)
        {
            return null;
        }
        var c = text[pos];
        return c switch
        {
            '\u2212' => "'\u2212' is a Unicode minus sign (U+2212): type the ASCII '-' instead",
            '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' => $"'{c}' is a dash (U+{(int)c:X4}), not a minus: type the ASCII '-' instead",
            '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' =>
                $"'{c}' is a typographic quote (U+{(int)c:X4}): an expression needs no quotes; in YAML use the ASCII ' or \"",
            '\u00D7' or '\u00B7' or '\u22C5' or '\u2217' => $"'{c}' (U+{(int)c:X4}) looks like a multiplication: type '*' (or '@' for a matrix product)",
            '\u2215' or '\u00F7' => $"'{c}' (U+{(int)c:X4}) looks like a division: type '/'",
            '\u00A0' or '\u2007' or '\u2009' or '\u200A' or '\u202F' or '\u200B' or '\uFEFF' =>
                $"a non-breaking or zero-width space (U+{(int)c:X4}) is here: replace it with an ordinary space",
            ',' when pos > 0 && char.IsDigit(text[pos - 1]) && pos + 1 < text.Length && char.IsDigit(text[pos + 1]) =>
                "a decimal comma? numbers are written with a point (1.5); a comma separates the items of a list, as in [1, 5]",
            _ => null,
        };
    }
}
