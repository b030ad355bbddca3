using System.Globalization;
using System.Text;

namespace Grader.Grading.Reports;

/// <summary>gradebook.csv: one row per student, one column per problem, then the total.</summary>
public static class Gradebook
{
    public static string Write(IReadOnlyList<string> students, IReadOnlyList<string> problems, IReadOnlyDictionary<(string Student, string Problem), SubmissionReport> reports)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", new[] { "student" }.Concat(problems).Append("total").Select(Csv)));
        foreach (var s in students)
        {
            var scores = problems.Select(p => reports.TryGetValue((s, p), out var r) ? r.Score : 0).ToList();
            sb.AppendLine(string.Join(",", new[] { Csv(s) }.Concat(scores.Append(scores.Sum()).Select(x => x.ToString("0.######", inv)))));
        }
        return sb.ToString();
    }

    /// <summary>
    /// One CSV field, RFC 4180 quoted when it holds a comma, quote or line break. A text that a spreadsheet would
    /// run as a formula (a student folder named =1+2, or starting with + - @, a tab or a carriage return) gets a
    /// leading apostrophe and quotes, as OWASP advises against CSV injection.
    /// </summary>
    public static string Csv(string s)
    {
        var formula = s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (formula)
        {
            s = "'" + s;
        }
        return formula || s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
