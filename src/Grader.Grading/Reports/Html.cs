using System.Text;

namespace Grader.Grading.Reports;

/// <summary>Escaping for the HTML pages: text and attribute values, and relative links built from student folder names.</summary>
public static class Html
{
    /// <summary>Text or a quoted attribute value: one line (<see cref="ReportJUnit.Xml"/>), with &amp; &lt; &gt; " ' as entities.</summary>
    public static string Text(string? text)
    {
        var line = ReportJUnit.Xml(text);
        if (line.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return line;
        }
        var sb = new StringBuilder(line.Length + 16);
        foreach (var c in line)
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '"' => sb.Append("&quot;"),
                '\'' => sb.Append("&#39;"),
                _ => sb.Append(c),
            };
        }
        return sb.ToString();
    }

    /// <summary>
    /// A relative link to a file under a student's folder: every segment percent-encoded (so <c>javascript:</c> or
    /// <c>//host</c> stays a path), behind <c>./</c>, then attribute-escaped.
    /// </summary>
    public static string Link(params string[] segments) =>
        Text("./" + string.Join("/", segments.Select(Uri.EscapeDataString)));
}
