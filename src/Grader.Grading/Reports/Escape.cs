using System.Globalization;
using System.Text;

namespace Grader.Grading.Reports;

/// <summary>
/// Text in a report is data: student text (exception messages, part ids, printed output, names) cannot draw on
/// a terminal or add structure to a Markdown page. Each writer escapes every field for its own format; JSON is
/// escaped by its serializer.
/// </summary>
public static class Escape
{
    /// <summary>
    /// One line for a terminal: control characters (escape, carriage return, newline, tab, DEL, C1), bidirectional
    /// overrides and line separators become visible escapes such as <c>\e</c>, <c>\r</c>, <c>\n</c>, <c>\u202E</c>.
    /// </summary>
    public static string Line(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        if (!text.Any(NeedsEscape))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!NeedsEscape(c))
            {
                sb.Append(c);
                continue;
            }
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\u001b' => "\\e",
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
            });
        }
        return sb.ToString();
    }

    /// <summary>Several lines for a terminal (printed output): each line as <see cref="Line"/>, split at newlines only.</summary>
    public static IEnumerable<string> Lines(string? text) => (text ?? "").Split('\n').Select(Line);

    /// <summary>
    /// Inline Markdown, for a table cell, list item or heading: one line (<see cref="Line"/>), and every character
    /// that starts inline markup (emphasis, code, links, HTML and comments, strikethrough, cell breaks) backslash-escaped.
    /// Block structure cannot begin mid-line, so with no newline left no heading, table or list can be made.
    /// </summary>
    public static string Markdown(string? text)
    {
        var line = Line(text);
        var sb = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '&' or '#' or '!')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>A fenced code block that no line of <paramref name="text"/> can close: a fence longer than any run of backticks in it.</summary>
    public static string MarkdownBlock(string? text)
    {
        var lines = Lines(text).ToList();
        var longest = 0;
        foreach (var l in lines)
        {
            var run = 0;
            foreach (var c in l)
            {
                run = c == '`' ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }
        }
        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}text\n{string.Join("\n", lines)}\n{fence}";
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c)
        || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u061C' or '\uFEFF'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';
}
