using Grader.Grading.Reports;

namespace Grader.Tests.Grading.Reports;

/// <summary>A small class with known numbers, a hostile student and misconceptions, for the class-level writers.</summary>
public static class ClassReportFixture
{
    /// <summary>A folder name cannot hold a slash; everything else is fair game.</summary>
    public const string Hostile = "<script>alert(1)<\\script><a href=\"javascript:alert(2)\">x<!--";

    public static readonly IReadOnlyList<ProblemInfo> Problems =
    [
        new("p1", 10, [new PartInfo("a", 5, false), new PartInfo("b", 5, true)]),
        new("p2", 10, [new PartInfo("c", 10, false)]),
    ];

    /// <summary>Students and their (a, b, c) scores: totals 20, 15, 5, 0 and the hostile one's 10.</summary>
    public static readonly IReadOnlyList<(string Student, double A, double B, double C)> Scores =
    [
        ("alice", 5, 5, 10), ("bob", 5, 0, 10), ("carol", 5, 0, 0), ("dave", 0, 0, 0), (Hostile, 0, 0, 10),
    ];

    public static IReadOnlyList<string> Students => Scores.Select(s => s.Student).Order(StringComparer.Ordinal).ToList();

    public static Dictionary<(string Student, string Problem), SubmissionReport> Reports()
    {
        var reports = new Dictionary<(string, string), SubmissionReport>();
        foreach (var (s, a, b, c) in Scores)
        {
            reports[(s, "p1")] = Report(s, "p1", [Part("a", a, 5, s == "dave" ? "sign-flip" : null), Part("b", b, 5, b == 0 ? "transposed" : null)]);
            reports[(s, "p2")] = Report(s, "p2", [Part("c", c, 10, null, s == Hostile ? "got </td></table><script>x()</script>" : "ok")]);
        }
        return reports;
    }

    private static PartReport Part(string id, double score, double max, string? misconception, string feedback = "feedback") =>
        new(id, score, max, score >= max ? Status.Correct : Status.Incorrect, feedback) { Misconception = misconception };

    private static SubmissionReport Report(string student, string problem, IReadOnlyList<PartReport> parts) => new()
    {
        Problem = problem,
        Student = student,
        Score = parts.Sum(p => p.Score),
        MaxScore = parts.Sum(p => p.MaxScore),
        Status = Status.Graded,
        Parts = parts,
        Output = student == ClassReportFixture.Hostile ? "<img src=x onerror=alert(3)>" : null,
    };
}
