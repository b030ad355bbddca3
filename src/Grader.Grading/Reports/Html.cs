using System.Text;

namespace Grader.Grading.Reports;

/// <summary>Escaping for the HTML pages: text and attribute values, and relative links built from student folder names.</summary>
public static class Html
{
    /// <summary>Text or a quoted attribute value: one line (<see cref="ReportJUnit.Xml"/>), with &amp; &lt; &gt; " ' as entities.</summary>
    public static string Text(string? text)
    {
        var line = ReportJUnit.Xml(text);
        var sb = new StringBuilder(line.Length + 16);
        foreach (var c in line)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
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
