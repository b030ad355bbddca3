namespace Grader.Problems.Yaml;

/// <summary>
/// An unquoted expression that starts with a list, <c>W: [[a, b], [c, d]] * 2</c> or <c>v: [x, 2] @ M</c>: YAML reads
/// the brackets as a list and then fails on what follows, with a message about anchors, aliases or tokens that says
/// nothing of the mistake. Such a value is found near the line of the failure, reported as what it is, and quoted in
/// a copy of the text so that reading goes on and the spec's other errors come in the same pass.
/// </summary>
internal static class ListThenText
{
    /// <summary>A block value starting with '[' whose brackets close on its line and are followed by more than a comment.</summary>
    public sealed record Found(int Line, int Column, string Value, string List, string Rest);

    public static Found? Find(string text, int reportedLine, IReadOnlySet<int> done)
    {
        // YAML reports the failure on the value's line or up to two lines on (an alias after the list, a mapping that
        // then ends): the nearest such value at or before it, not yet quoted.
        var lines = text.Split('\n');
        for (var line = Math.Min(reportedLine, lines.Length); line >= Math.Max(1, reportedLine - 2); line--)
        {
            if (!done.Contains(line) && OnLine(lines[line - 1].TrimEnd('\r'), line) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>The text with <paramref name="found"/>'s value in double quotes (the same value, as a YAML string).</summary>
    public static string Quote(string text, Found found)
    {
        var lines = text.Split('\n');
        var line = lines[found.Line - 1];
        var start = found.Column - 1;
        var quoted = "\"" + found.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        lines[found.Line - 1] = line[..start] + quoted + line[(start + found.Value.Length)..];
        return string.Join('\n', lines);
    }

    private static Found? OnLine(string line, int number)
    {
        // Leading space, list markers ("- "), at most one plain key ("W: "), then '['.
        var i = 0;
        var keySeen = false;
        while (true)
        {
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }
            if (i + 1 < line.Length && line[i] == '-' && line[i + 1] == ' ')
            {
                i += 2;
                continue;
            }
            if (!keySeen && line.IndexOf(": ", i, StringComparison.Ordinal) is var colon and > 0
                && line[i..colon].All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or ' ' or '(' or ')' or ','))
            {
                keySeen = true;
                i = colon + 2;
                continue;
            }
            break;
        }
        if (i >= line.Length || line[i] != '[')
        {
            return null;
        }
        var end = Close(line, i);
        if (end < 0)
        {
            return null;
        }
        var after = line[(end + 1)..];
        var comment = after.IndexOf(" #", StringComparison.Ordinal);
        var rest = (comment >= 0 ? after[..comment] : after).TrimEnd();
        if (rest.Trim().Length == 0 || rest.TrimStart().StartsWith('#'))
        {
            return null;
        }
        return new Found(number, i + 1, line[i..(end + 1)] + rest, line[i..(end + 1)], rest);
    }

    /// <summary>The index of the ']' that closes the '[' at <paramref name="open"/>, skipping quoted text; -1 if not on this line.</summary>
    private static int Close(string line, int open)
    {
        var depth = 0;
        char? quote = null;
        for (var k = open; k < line.Length; k++)
        {
            var c = line[k];
            if (quote is { } q)
            {
                quote = c == q ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && --depth == 0)
            {
                return k;
            }
        }
        return -1;
    }
}
