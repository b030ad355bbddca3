namespace Grader.Problems.Yaml;

/// <summary>
/// Lets a call such as <c>normal(0, 0.5, [3, 3])</c> stand unquoted inside a YAML flow mapping, as FORMAT.md's
/// examples write it. Inside the parentheses of a call, the characters YAML's flow syntax would split on are
/// (and the colon of a named argument, max(S, axis: 1)) swapped for private-use characters of the same length before parsing, and swapped back in every scalar,
/// so positions in error messages stay exact.
/// </summary>
internal static class FlowSafe
{
    private const string Special = ",[]{}:";
    private const char Base = '\uE000';

    public static string Protect(string text)
    {
        var chars = text.ToCharArray();
        var depth = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c == '\n')
            {
                depth = 0;
            }
            else if (c == '(' && (depth > 0 || (i > 0 && (char.IsLetterOrDigit(chars[i - 1]) || chars[i - 1] == '_'))))
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
            else if (depth > 0 && Special.IndexOf(c) is var k and >= 0)
            {
                chars[i] = (char)(Base + k);
            }
        }
        return new string(chars);
    }

    public static string Restore(string value)
    {
        if (!value.Any(c => c >= Base && c < Base + Special.Length))
        {
            return value;
        }
        return new string(value.Select(c => c >= Base && c < Base + Special.Length ? Special[c - Base] : c).ToArray());
    }
}
