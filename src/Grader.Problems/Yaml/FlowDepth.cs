namespace Grader.Problems.Yaml;

/// <summary>
/// Finds YAML flow brackets ([ and {) nested deeper than a limit with one pass over the text, skipping quoted
/// scalars and comments. The YAML parser would take time quadratic in that depth (10,000 brackets: seconds,
/// 100,000: minutes), so such a file is refused before it is parsed.
/// </summary>
internal static class FlowDepth
{
    /// <summary>The offset of the first bracket that opens level <paramref name="max"/> + 1, or null.</summary>
    public static int? FirstTooDeep(string text, int max)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '[' or '{':
                    if (++depth > max)
                    {
                        return i;
                    }
                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '#' when i == 0 || char.IsWhiteSpace(text[i - 1]):
                    i = EndOfLine(text, i);
                    break;
                case '"' or '\'' when i == 0 || " \t\n[{,:".Contains(text[i - 1], StringComparison.Ordinal):
                    i = EndOfQuote(text, i);
                    break;
            }
        }
        return null;
    }

    private static int EndOfLine(string text, int i)
    {
        var end = text.IndexOf('\n', i);
        return end < 0 ? text.Length : end;
    }

    private static int EndOfQuote(string text, int i)
    {
        var quote = text[i];
        for (var j = i + 1; j < text.Length; j++)
        {
            if (quote == '"' && text[j] == '\\')
            {
                j++;
            }
            else if (text[j] == quote)
            {
                // In single quotes, '' is an escaped quote.
                if (quote == '\'' && j + 1 < text.Length && text[j + 1] == '\'')
                {
                    j++;
                    continue;
                }
                return j;
            }
        }
        return text.Length;
    }

    public static SourceLocation Location(string file, string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourceLocation(file, line, offset - lineStart + 1);
    }
}
