using System.Globalization;
using System.Text;
using System.Xml;

namespace Grader.Grading.Reports;

/// <summary>
/// JUnit XML, as GitLab, Jenkins and GitHub's test reporters read it, valid against the Jenkins xunit plugin's
/// <c>junit-10.xsd</c>: one <c>testsuite</c> per submission, whose <c>file</c> is the submission's path, one
/// <c>testcase</c> per part; a part not correct carries a <c>failure</c> (or an <c>error</c> for a part that erred or
/// timed out) whose <c>type</c> is its status, whose <c>message</c> is one short line (points and feedback) and whose
/// text is the whole feedback (with what stopped the run, its compiler messages and the values laid out). Student
/// text is written by an <see cref="XmlWriter"/> after <see cref="Xml"/> has made it legal XML 1.0 (control
/// characters as visible escapes).
/// </summary>
public static class ReportJUnit
{
    /// <summary>The longest <c>message</c> attribute; the whole feedback is in the element's text.</summary>
    public const int MessageChars = 200;

    /// <summary>
    /// The reports as JUnit XML. <paramref name="file"/> gives a submission's path relative to the graded folder
    /// (by default <c>&lt;student&gt;/&lt;problem&gt;.csx</c>, as <c>grade</c> reads it from the submissions folder).
    /// </summary>
    public static string Write(IReadOnlyList<SubmissionReport> reports, Func<SubmissionReport, string>? file = null)
    {
        file ??= r => $"{r.Student}/{r.Problem}.csx";
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
                w.WriteAttributeString("file", Xml(file(r)));
                foreach (var p in r.Parts)
                {
                    w.WriteStartElement("testcase");
                    w.WriteAttributeString("name", Xml(p.Id));
                    w.WriteAttributeString("classname", suite);
                    w.WriteAttributeString("time", "0");
                    if (IsFailure(p) || IsError(p))
                    {
                        // The part's own feedback; where it is only the run's message (a script that did not
                        // compile), that message with the run's status where the part's does not say it.
                        var own = r.Message is null || p.Feedback != r.Message;
                        var first = Xml(own || r.Status == p.Status ? p.Feedback : $"{r.Status}: {p.Feedback}");
                        w.WriteStartElement(IsError(p) ? "error" : "failure");
                        w.WriteAttributeString("message", Short(string.Create(inv, $"{p.Score:0.##} / {p.MaxScore:0.##}: {first}")));
                        w.WriteAttributeString("type", p.Status);
                        w.WriteString(first);
                        if (r.Status != Status.Graded && own && r.Message is not null)
                        {
                            w.WriteString($"\n{Xml(r.Status)}: {Xml(r.Message)}");
                        }
                        foreach (var d in r.Diagnostics)
                        {
                            w.WriteString("\n" + Xml(d));
                        }
                        foreach (var v in p.Values ?? [])
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

    /// <summary>At most <see cref="MessageChars"/> characters, cut after a word and marked with "...".</summary>
    private static string Short(string line)
    {
        if (line.Length <= MessageChars)
        {
            return line;
        }
        var cut = line.LastIndexOf(' ', MessageChars - 4);
        cut = cut > MessageChars / 2 ? cut : char.IsHighSurrogate(line[MessageChars - 5]) ? MessageChars - 5 : MessageChars - 4;
        return line[..cut] + " ...";
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
