using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Grader.Grading.Reports;

/// <summary>
/// The class report, <c>index.html</c>: one self-contained page with no script and no style attribute (a
/// Content-Security-Policy forbids scripts, any network and every style but the page's own stylesheet, by its hash).
/// Its first screen answers two questions: who needs help (<see cref="Standing"/>: the students who did not compile,
/// did not submit or scored lowest, lowest total first) and which parts were hardest (<see cref="PartStanding"/>:
/// the lowest pass rates, each with its most frequent misconception in words and the students who made it). Below:
/// every student sorted by total with each problem's score, the score distribution as an SVG histogram, every part's
/// pass rate, and the most frequent misconceptions. Each student links to their page, <c>&lt;student&gt;/index.html</c>
/// (<see cref="StudentPageHtml"/>). Every text from a student is escaped.
/// </summary>
public static class ClassReportHtml
{
    /// <summary>The page's one stylesheet; the CSP allows it by its hash, and nothing else.</summary>
    public const string Style =
        "body{font-family:system-ui,sans-serif;margin:0;color:#222;line-height:1.35}"
        + "nav,main{margin:0 1.25rem}h1{font-size:1.5rem;margin:.6rem 0 .2rem}h2{font-size:1.15rem;margin:1.1rem 0 .4rem}"
        + "table{border-collapse:collapse;margin:.4rem 0}th,td{border:1px solid #ccc;padding:.15rem .4rem;text-align:left}"
        + ".n{text-align:right;font-variant-numeric:tabular-nums}"
        + ".glance{display:grid;grid-template-columns:minmax(0,5fr) minmax(0,7fr);gap:1.5rem}"
        + ".glance ol{margin:.3rem 0;padding-left:1.6rem}.glance li{margin:.15rem 0}.glance p{margin:.2rem 0}"
        + ".glance a{white-space:nowrap}"
        + "#hardest-list li{margin-bottom:.45rem}.sentence{color:#333}details{display:inline}summary{display:inline;cursor:pointer;text-decoration:underline dotted}"
        + ".flag{display:inline-block;font-size:.8rem;padding:0 .35rem;margin-left:.25rem;border-radius:.6rem;white-space:nowrap}"
        + ".flag.ce,.flag.run{background:#fde4e2;color:#8a1c14}.flag.missing{background:#ececec;color:#333}.flag.low{background:#fff0bf;color:#5c4300}"
        + "td.name{white-space:nowrap;max-width:20rem;overflow:hidden;text-overflow:ellipsis}"
        + "td.marks{max-width:11rem}td.ce,td.run{color:#a01f18}td.missing{color:#595959}"
        + "th.v{vertical-align:bottom;padding:.3rem .1rem}th.v span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}"
        + ".legend{font-size:.9rem;color:#444}.muted{color:#595959}"
        + "svg.bar{vertical-align:middle}svg.bar .track{fill:#e3e3e3}svg.bar .fill{fill:#3a7a3a}";

    public static readonly string Csp =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; img-src data:; base-uri 'none'; form-action 'none'";

    public const int Bins = 10;

    /// <summary>How many students the first screen lists as needing help, and how many parts as hardest.</summary>
    public const int HelpShown = 12, HardestShown = 5;

    /// <summary>The cell of a problem not graded, by its status (the table's legend says what each means).</summary>
    private static readonly IReadOnlyDictionary<string, (string Text, string Class, string Words)> Marks = new Dictionary<string, (string, string, string)>
    {
        [Status.Missing] = ("–", "missing", "not submitted"),
        [Status.CompileError] = ("CE", "ce", "did not compile"),
        [Status.Timeout] = ("TO", "run", "timed out"),
        [Status.Crashed] = ("CR", "run", "crashed"),
        [Status.Rejected] = ("RJ", "run", "rejected"),
    };

    public static string Write(IReadOnlyList<string> students, IReadOnlyList<ProblemInfo> problems, IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports)
    {
        var inv = CultureInfo.InvariantCulture;
        var max = problems.Sum(p => p.MaxScore);
        var standings = Standing.Of(students, problems, reports);
        var parts = PartStanding.Of(students, problems, reports);
        var sb = new StringBuilder();
        Head(sb, "Class report");
        sb.AppendLine("<main>\n<h1>Class report</h1>");
        var mean = standings.Count == 0 ? 0 : standings.Average(s => s.Total);
        sb.AppendLine(inv, $"<p id=\"summary\"><span id=\"students\">{students.Count}</span> students, <span id=\"problems\">{problems.Count}</span> problems, {parts.Count} parts; "
            + $"mean total <span id=\"mean\">{mean:0.##}</span> / <span id=\"max\">{max:0.##}</span>; "
            + $"{standings.Count(s => s.CompileErrors.Count > 0)} did not compile, {standings.Count(s => s.Missing.Count > 0)} did not submit everything, {standings.Count(s => s.SubmittedNothing)} submitted nothing</p>");

        sb.AppendLine("<div class=\"glance\">");
        Help(sb, standings, max);
        Hardest(sb, parts);
        sb.AppendLine("</div>");

        StudentsTable(sb, standings, problems, reports, max);

        sb.AppendLine("<h2>Score distribution</h2>");
        Histogram(sb, standings.Select(s => s.Total).ToList(), max);

        sb.AppendLine("<h2 id=\"parts-h\">Pass rate by part</h2>");
        sb.AppendLine("<p class=\"legend\">Of the students who submitted the problem (a compile error included), how many got the part right.</p>");
        sb.AppendLine("<table id=\"parts\" aria-labelledby=\"parts-h\"><thead><tr><th>problem</th><th>part</th><th class=\"n\">points</th><th class=\"n\">correct</th><th>pass rate</th><th class=\"n\">mean score</th></tr></thead><tbody>");
        foreach (var x in parts)
        {
            sb.AppendLine(inv, $"<tr data-part=\"{Html.Text(x.Problem.Id)}/{Html.Text(x.Part.Id)}\"><td>{Html.Text(x.Problem.Id)}</td><td>{Html.Text(x.Part.Id)}{(x.Part.Hidden ? " <small>(hidden)</small>" : "")}</td>"
                + $"<td class=\"n\">{x.Part.MaxScore:0.##}</td><td class=\"n correct\">{x.Correct} / {x.Submitted}</td><td>{Bar(x.Rate)} <span class=\"rate\">{x.Rate * 100:0}%</span></td><td class=\"n\">{x.MeanScore:0.##}</td></tr>");
        }
        sb.AppendLine("</tbody></table>");

        var mistakes = parts.SelectMany(x => x.Misconceptions.Select(m => (Part: x, m.Id, m.Students)))
            .OrderByDescending(x => x.Students.Count).ThenBy(x => x.Part.Problem.Id, StringComparer.Ordinal).ThenBy(x => x.Part.Part.Id, StringComparer.Ordinal).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(20).ToList();
        if (mistakes.Count > 0)
        {
            sb.AppendLine("<h2 id=\"misconceptions-h\">Most frequent misconceptions</h2>");
            sb.AppendLine("<table id=\"misconceptions\" aria-labelledby=\"misconceptions-h\"><thead><tr><th>problem</th><th>part</th><th>misconception</th><th class=\"n\">students</th></tr></thead><tbody>");
            foreach (var (x, id, who) in mistakes)
            {
                var sentence = Standing.Sentence(id, x.Part);
                sb.AppendLine(inv, $"<tr><td>{Html.Text(x.Problem.Id)}</td><td>{Html.Text(x.Part.Id)}</td><td><code>{Html.Text(id)}</code>{(sentence is null ? "" : ": " + Html.Text(sentence))}</td><td class=\"n count\">{who.Count}</td></tr>");
            }
            sb.AppendLine("</tbody></table>");
        }
        sb.AppendLine("</main>\n</body>\n</html>");
        return sb.ToString();
    }

    /// <summary>Who needs help: the students marked (<see cref="Standing.NeedsHelp"/>), lowest total first.</summary>
    private static void Help(StringBuilder sb, IReadOnlyList<Standing> standings, double max)
    {
        var inv = CultureInfo.InvariantCulture;
        var marked = standings.Where(s => s.NeedsHelp).ToList();
        sb.AppendLine("<section id=\"help\" aria-labelledby=\"help-h\">\n<h2 id=\"help-h\">Who needs help</h2>");
        if (marked.Count == 0)
        {
            sb.AppendLine("<p>Everyone submitted every problem, and it compiled.</p>\n</section>");
            return;
        }
        sb.AppendLine(inv, $"<p class=\"legend\">Lowest total first: who did not compile, did not submit, or scored in the lowest {Standing.LowestShare:0%} of those who submitted.</p>");
        sb.AppendLine("<ol id=\"help-list\">");
        foreach (var s in marked.Take(HelpShown))
        {
            sb.AppendLine(inv, $"<li><a href=\"{Html.Link(s.Student, "index.html")}\">{Html.Text(s.Student)}</a> <span class=\"total\">{s.Total:0.##} / {max:0.##}</span>{Flags(s)}</li>");
        }
        sb.AppendLine("</ol>");
        if (marked.Count > HelpShown)
        {
            sb.AppendLine(inv, $"<p class=\"legend\">and {marked.Count - HelpShown} more marked in <a href=\"#students-h\">the table of students</a></p>");
        }
        sb.AppendLine("</section>");
    }

    private static string Flags(Standing s)
    {
        var flags = new StringBuilder();
        if (s.CompileErrors.Count > 0)
        {
            flags.Append(CultureInfo.InvariantCulture, $" <span class=\"flag ce\">did not compile{(s.CompileErrors.Count > 1 ? $" ×{s.CompileErrors.Count}" : "")}</span>");
        }
        if (s.NotRun.Count > 0)
        {
            flags.Append(CultureInfo.InvariantCulture, $" <span class=\"flag run\">did not run{(s.NotRun.Count > 1 ? $" ×{s.NotRun.Count}" : "")}</span>");
        }
        if (s.Missing.Count > 0)
        {
            flags.Append(CultureInfo.InvariantCulture, $" <span class=\"flag missing\">{(s.SubmittedNothing ? "submitted nothing" : $"did not submit {s.Missing.Count}")}</span>");
        }
        if (s.Lowest)
        {
            flags.Append(" <span class=\"flag low\">lowest</span>");
        }
        return flags.ToString();
    }

    /// <summary>The hardest parts: the lowest pass rates below 100%, each with its most frequent misconception and who made it.</summary>
    private static void Hardest(StringBuilder sb, IReadOnlyList<PartStanding> parts)
    {
        var inv = CultureInfo.InvariantCulture;
        var hardest = parts.Where(x => x.Submitted > 0 && x.Correct < x.Submitted).OrderBy(x => x.Rate).Take(HardestShown).ToList();
        sb.AppendLine("<section id=\"hardest\" aria-labelledby=\"hardest-h\">\n<h2 id=\"hardest-h\">Hardest parts</h2>");
        if (hardest.Count == 0)
        {
            sb.AppendLine("<p>Every part that was submitted, everyone got right.</p>\n</section>");
            return;
        }
        sb.AppendLine("<ol id=\"hardest-list\">");
        foreach (var x in hardest)
        {
            sb.Append(inv, $"<li data-part=\"{Html.Text(x.Problem.Id)}/{Html.Text(x.Part.Id)}\"><strong>{Html.Text(x.Problem.Id)} / {Html.Text(x.Part.Id)}</strong> "
                + $"{Bar(x.Rate)} <span class=\"rate\">{x.Rate * 100:0}%</span> right ({x.Correct} of {x.Submitted} who submitted)");
            if (x.Misconceptions.Count > 0)
            {
                var (id, who) = x.Misconceptions[0];
                var links = string.Join(", ", who.OrderBy(s => s, StringComparer.Ordinal).Select(s => $"<a href=\"{Html.Link(s, "index.html")}\">{Html.Text(s)}</a>"));
                sb.Append(inv, $"<br><span class=\"sentence\">{Html.Text(Standing.Sentence(id, x.Part) ?? id)}</span> "
                    + $"<details class=\"who\"><summary>made by <span class=\"count\">{who.Count}</span> {(who.Count == 1 ? "student" : "students")}</summary>: {links}</details>");
            }
            else
            {
                sb.Append("<br><span class=\"muted\">no mistake the grader names</span>");
            }
            sb.AppendLine("</li>");
        }
        sb.AppendLine("</ol>\n</section>");
    }

    private static void StudentsTable(StringBuilder sb, IReadOnlyList<Standing> standings, IReadOnlyList<ProblemInfo> problems,
        IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports, double max)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine("<h2 id=\"students-h\">Students, lowest total first</h2>");
        sb.AppendLine("<p class=\"legend\">" + string.Join("; ", Marks.Values.DistinctBy(m => m.Text).Select(m => $"{m.Text}: {m.Words}")) + ". Scores are points; each problem's maximum is beside its name.</p>");
        sb.Append(inv, $"<table id=\"students-table\" aria-labelledby=\"students-h\"><thead><tr><th>student</th><th class=\"n\">total / {max:0.##}</th><th>marks</th>");
        foreach (var p in problems)
        {
            sb.Append(inv, $"<th class=\"v\"><span>{Html.Text(p.Id)} ({p.MaxScore:0.##})</span></th>");
        }
        sb.AppendLine("</tr></thead><tbody>");
        foreach (var s in standings)
        {
            sb.Append(inv, $"<tr><td class=\"name\"><a href=\"{Html.Link(s.Student, "index.html")}\">{Html.Text(s.Student)}</a></td><td class=\"n total\">{s.Total:0.##}</td><td class=\"marks\">{Flags(s)}</td>");
            foreach (var p in problems)
            {
                var r = reports.GetValueOrDefault((s.Student, p.Id));
                var status = r?.Status ?? Status.Missing;
                sb.Append(Marks.TryGetValue(status, out var mark)
                    ? $"<td class=\"n {mark.Class}\" title=\"{mark.Words}\">{mark.Text}</td>"
                    : string.Create(inv, $"<td class=\"n\">{r!.Score:0.##}</td>"));
            }
            sb.AppendLine("</tr>");
        }
        sb.AppendLine("</tbody></table>");
    }

    /// <summary>A pass rate as a bar drawn with SVG attributes (no style attribute); the number beside it says it in text.</summary>
    private static string Bar(double rate) => string.Create(CultureInfo.InvariantCulture,
        $"<svg class=\"bar\" width=\"60\" height=\"10\" aria-hidden=\"true\"><rect class=\"track\" width=\"60\" height=\"10\"/><rect class=\"fill\" width=\"{rate * 60:0.#}\" height=\"10\"/></svg>");

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
        const int w = 40, h = 120, pad = 20;
        sb.AppendLine(inv, $"<svg id=\"histogram\" role=\"img\" aria-label=\"score distribution: {string.Join(", ", counts.Select((c, i) => $"{max * i / Bins:0.#} to {max * (i + 1) / Bins:0.#}: {c}"))}\" width=\"{Bins * w + 2 * pad}\" height=\"{h + 3 * pad}\" xmlns=\"http://www.w3.org/2000/svg\">");
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
        sb.AppendLine($"<style>{Style}</style>");
        sb.AppendLine("</head>\n<body>");
    }
}
