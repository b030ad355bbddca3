using System.Globalization;
using System.Text;

namespace Grader.Grading.Reports;

/// <summary>
/// The class report, <c>index.html</c>: one self-contained page with no script at all (a Content-Security-Policy
/// forbids scripts and any network), the score distribution as an inline SVG histogram, each part's pass rate, the
/// most frequent misconceptions (when reports name any), and a table of students linking to each student's page,
/// <c>&lt;student&gt;/index.html</c> (<see cref="StudentPageHtml"/>). Every text from a student is escaped.
/// </summary>
public static class ClassReportHtml
{
    public const string Csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    public const int Bins = 10;

    public static string Write(IReadOnlyList<string> students, IReadOnlyList<ProblemInfo> problems, IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports)
    {
        var inv = CultureInfo.InvariantCulture;
        var max = problems.Sum(p => p.MaxScore);
        var totals = students.Select(s => problems.Sum(p => reports.TryGetValue((s, p.Id), out var r) ? r.Score : 0)).ToList();
        var sb = new StringBuilder();
        Head(sb, "Class report");
        sb.AppendLine("<h1>Class report</h1>");
        var mean = totals.Count == 0 ? 0 : totals.Average();
        sb.AppendLine(inv, $"<p id=\"summary\"><span id=\"students\">{students.Count}</span> students, <span id=\"problems\">{problems.Count}</span> problems; mean total <span id=\"mean\">{mean:0.##}</span> / <span id=\"max\">{max:0.##}</span></p>");

        sb.AppendLine("<h2>Score distribution</h2>");
        Histogram(sb, totals, max);

        sb.AppendLine("<h2>Pass rate by part</h2>");
        sb.AppendLine("<table id=\"parts\"><thead><tr><th>problem</th><th>part</th><th>points</th><th>correct</th><th>pass rate</th><th>mean score</th></tr></thead><tbody>");
        foreach (var p in problems)
        {
            foreach (var part in p.Parts)
            {
                var results = students.Select(s => reports.TryGetValue((s, p.Id), out var r) ? r.Parts.FirstOrDefault(x => x.Id == part.Id) : null).ToList();
                var correct = results.Count(x => x?.Status == Status.Correct);
                var rate = students.Count == 0 ? 0 : 100.0 * correct / students.Count;
                var meanScore = students.Count == 0 ? 0 : results.Sum(x => x?.Score ?? 0) / students.Count;
                sb.AppendLine(inv, $"<tr data-part=\"{Html.Text(p.Id)}/{Html.Text(part.Id)}\"><td>{Html.Text(p.Id)}</td><td>{Html.Text(part.Id)}{(part.Hidden ? " <small>(hidden)</small>" : "")}</td><td class=\"n\">{part.MaxScore:0.##}</td><td class=\"n correct\">{correct} / {students.Count}</td>"
                    + $"<td><span class=\"bar\"><span style=\"width:{rate:0.#}%\"></span></span> <span class=\"rate\">{rate:0}%</span></td><td class=\"n\">{meanScore:0.##}</td></tr>");
            }
        }
        sb.AppendLine("</tbody></table>");

        var mistakes = reports.Values
            .SelectMany(r => r.Parts.Where(x => !string.IsNullOrEmpty(x.Misconception)).Select(x => (r.Problem, Part: x.Id, Id: x.Misconception!)))
            .GroupBy(x => x).Select(g => (g.Key, Count: g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Key.Problem, StringComparer.Ordinal).ThenBy(x => x.Key.Part, StringComparer.Ordinal).ThenBy(x => x.Key.Id, StringComparer.Ordinal)
            .Take(20).ToList();
        if (mistakes.Count > 0)
        {
            sb.AppendLine("<h2>Most frequent misconceptions</h2>");
            sb.AppendLine("<table id=\"misconceptions\"><thead><tr><th>problem</th><th>part</th><th>misconception</th><th>students</th></tr></thead><tbody>");
            foreach (var (key, count) in mistakes)
            {
                sb.AppendLine(inv, $"<tr><td>{Html.Text(key.Problem)}</td><td>{Html.Text(key.Part)}</td><td><code>{Html.Text(key.Id)}</code></td><td class=\"n count\">{count}</td></tr>");
            }
            sb.AppendLine("</tbody></table>");
        }

        sb.AppendLine("<h2>Students</h2>");
        sb.Append("<table id=\"students-table\"><thead><tr><th>student</th>");
        foreach (var p in problems)
        {
            sb.Append(inv, $"<th>{Html.Text(p.Id)}</th>");
        }
        sb.AppendLine("<th>total</th></tr></thead><tbody>");
        for (var i = 0; i < students.Count; i++)
        {
            var s = students[i];
            sb.Append(inv, $"<tr><td><a href=\"{Html.Link(s, "index.html")}\">{Html.Text(s)}</a></td>");
            foreach (var p in problems)
            {
                var r = reports.TryGetValue((s, p.Id), out var x) ? x : null;
                sb.Append(inv, $"<td class=\"n\" title=\"{Html.Text(r?.Status ?? Status.Missing)}\">{r?.Score ?? 0:0.##}</td>");
            }
            sb.AppendLine(inv, $"<td class=\"n total\">{totals[i]:0.##}</td></tr>");
        }
        sb.AppendLine("</tbody></table>");
        sb.AppendLine("</body>\n</html>");
        return sb.ToString();
    }

    /// <summary>Totals in <see cref="Bins"/> equal bins from 0 to the maximum (the last bin includes the maximum).</summary>
    public static int[] Counts(IReadOnlyList<double> totals, double max)
    {
        var counts = new int[Bins];
        foreach (var t in totals)
        {
            var bin = max <= 0 ? 0 : (int)Math.Floor(t / max * Bins);
            counts[Math.Clamp(bin, 0, Bins - 1)]++;
        }
        return counts;
    }

    private static void Histogram(StringBuilder sb, IReadOnlyList<double> totals, double max)
    {
        var inv = CultureInfo.InvariantCulture;
        var counts = Counts(totals, max);
        var top = Math.Max(1, counts.Max());
        const int w = 40, h = 160, pad = 20;
        sb.AppendLine(inv, $"<svg id=\"histogram\" role=\"img\" aria-label=\"score distribution\" width=\"{Bins * w + 2 * pad}\" height=\"{h + 3 * pad}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < Bins; i++)
        {
            var bh = (double)counts[i] / top * h;
            var x = pad + i * w;
            var lo = max * i / Bins;
            var hi = max * (i + 1) / Bins;
            sb.AppendLine(inv, $"<g class=\"bin\" data-count=\"{counts[i]}\"><title>{lo:0.##} to {hi:0.##}: {counts[i]}</title>"
                + $"<rect x=\"{x + 2}\" y=\"{pad + h - bh:0.##}\" width=\"{w - 4}\" height=\"{bh:0.##}\" fill=\"#4a78b5\"/>"
                + $"<text x=\"{x + w / 2}\" y=\"{pad + h - bh - 4:0.##}\" text-anchor=\"middle\" font-size=\"12\">{counts[i]}</text>"
                + $"<text x=\"{x + w / 2}\" y=\"{pad + h + 16}\" text-anchor=\"middle\" font-size=\"10\">{lo:0.#}</text></g>");
        }
        sb.AppendLine(inv, $"<line x1=\"{pad}\" y1=\"{pad + h}\" x2=\"{pad + Bins * w}\" y2=\"{pad + h}\" stroke=\"#333\"/>");
        sb.AppendLine("</svg>");
    }

    internal static void Head(StringBuilder sb, string title)
    {
        sb.AppendLine("<!DOCTYPE html>");
        sb.AppendLine("<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">");
        sb.AppendLine($"<meta http-equiv=\"Content-Security-Policy\" content=\"{Csp}\">");
        sb.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.AppendLine($"<title>{Html.Text(title)}</title>");
        sb.AppendLine("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
            + "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}td.n{text-align:right}"
            + ".bar{display:inline-block;width:8em;height:.8em;background:#eee}.bar span{display:block;height:100%;background:#5a9e5a}"
            + ".correct-row{background:#eef8ee}</style>");
        sb.AppendLine("</head>\n<body>");
    }
}
