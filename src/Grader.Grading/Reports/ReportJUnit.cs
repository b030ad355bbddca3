using System.Globalization;
using System.Text;
using System.Xml;

namespace Grader.Grading.Reports;

/// <summary>
/// JUnit XML, as GitLab, Jenkins and GitHub's test reporters read it: one <c>testsuite</c> per submission, one
/// <c>testcase</c> per part; a part not correct carries a <c>failure</c> (or an <c>error</c> for a part that erred or
/// timed out) whose message is its status and whose text is the feedback. Student text is written by an
/// <see cref="XmlWriter"/> after <see cref="Xml"/> has made it legal XML 1.0 (control characters as visible escapes).
/// </summary>
public static class ReportJUnit
{
    public static string Write(IReadOnlyList<SubmissionReport> reports)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = Encoding.UTF8 }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", "grader");
            w.WriteAttributeString("tests", reports.Sum(r => r.Parts.Count).ToString(inv));
            w.WriteAttributeString("failures", reports.Sum(r => r.Parts.Count(IsFailure)).ToString(inv));
            w.WriteAttributeString("errors", reports.Sum(r => r.Parts.Count(IsError)).ToString(inv));
            w.WriteAttributeString("time", "0");
            foreach (var r in reports)
            {
                var suite = $"{Xml(r.Student)}/{Xml(r.Problem)}";
                w.WriteStartElement("testsuite");
                w.WriteAttributeString("name", suite);
                w.WriteAttributeString("tests", r.Parts.Count.ToString(inv));
                w.WriteAttributeString("failures", r.Parts.Count(IsFailure).ToString(inv));
                w.WriteAttributeString("errors", r.Parts.Count(IsError).ToString(inv));
                w.WriteAttributeString("skipped", "0");
                w.WriteAttributeString("time", "0");
                foreach (var p in r.Parts)
                {
                    w.WriteStartElement("testcase");
                    w.WriteAttributeString("name", Xml(p.Id));
                    w.WriteAttributeString("classname", suite);
                    w.WriteAttributeString("time", "0");
                    if (IsFailure(p) || IsError(p))
                    {
                        w.WriteStartElement(IsError(p) ? "error" : "failure");
                        w.WriteAttributeString("message", string.Create(inv, $"{p.Status}: {p.Score:0.##} / {p.MaxScore:0.##}"));
                        w.WriteAttributeString("type", p.Status);
                        w.WriteString(Xml(r.Status == Status.Graded ? p.Feedback : $"{r.Status}: {r.Message ?? p.Feedback}"));
                        foreach (var v in r.Status == Status.Graded ? p.Values ?? [] : [])
                        {
                            // Line by line: each is made legal XML as the feedback is, and the lines stay lines.
                            w.WriteString("\n\n" + string.Join("\n", v.Plain().Split('\n').Select(Xml)));
                        }
                        w.WriteEndElement();
                    }
                    w.WriteEndElement();
                }
                var outText = string.Join("\n", new[] { r.Message }.Concat(r.Diagnostics).Concat(r.Warnings.Select(x => "warning: " + x)).OfType<string>().Select(Xml));
                if (outText.Length > 0)
                {
                    w.WriteElementString("system-out", outText);
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        // StringBuilder output declares utf-16; the file is written as UTF-8.
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }

    private static bool IsError(PartReport p) => p.Status is Status.Error or Status.Timeout;

    private static bool IsFailure(PartReport p) => p.Status != Status.Correct && !IsError(p);

    /// <summary>One line of legal XML text: <see cref="Escape.Line"/>, and a lone surrogate as U+FFFD.</summary>
    public static string Xml(string? text)
    {
        var line = Escape.Line(text);
        var sb = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]))
            {
                sb.Append(c).Append(line[++i]);
            }
            else
            {
                sb.Append(char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' ? '\uFFFD' : c);
            }
        }
        return sb.ToString();
    }
}
