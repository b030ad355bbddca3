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

/// <summary>
/// A class the size of a real one, for the layout of the class report: 14 problems of 3 to 5 parts (51 parts), 40
/// students of made-up abilities with names of every length, three who did not compile something, two who submitted
/// nothing, four who left problems out, and wrong answers named with the catalogue's misconceptions (some parts much
/// harder than the rest). Generated from a fixed seed, so every run sees the same class.
/// </summary>
public static class LargeClassFixture
{
    /// <summary>Problem ids with their part ids; each part is worth 2 points, and its problem the sum.</summary>
    private static readonly (string Id, string[] Parts)[] Layout =
    [
        ("linear-regression", ["a-loss", "b-grad-w", "c-grad-b"]),
        ("logistic-regression", ["a-prob", "b-loss", "c-grad-w", "d-impl"]),
        ("softmax-classifier", ["a-scores", "b-probs", "c-grad-z", "d-grad-w"]),
        ("regression-network", ["a-forward", "b-hidden", "c-grad-w2", "d-grad-w1"]),
        ("relu-network", ["a-forward", "b-grad-b2", "c-grad-w1"]),
        ("jacobians", ["a-gradient", "b-jacobian", "c-chain", "d-chain-impl"]),
        ("normalisation", ["a-batchnorm", "b-grad-x", "c-layernorm"]),
        ("attention", ["a-scores", "b-weights", "c-output", "d-grad-q", "e-impl"]),
        ("convnet", ["a-conv", "b-pool", "c-grad-w"]),
        ("rnn-bptt", ["a-forward", "b-grad-h", "c-grad-w-hh", "d-grad-w-xh"]),
        ("momentum-steps", ["a-velocity", "b-step", "c-adam"]),
        ("l2-regularised", ["a-loss", "b-grad-w", "c-grad-b", "d-decay"]),
        ("bce-sigmoid", ["a-loss", "b-grad-z", "c-grad-w"]),
        ("hinge-subgradient", ["a-margin", "b-subgradient", "c-impl", "d-step"]),
    ];

    /// <summary>The parts most students get wrong (how easy each is, of 1) and the catalogue mistakes their wrong answers show, most frequent first.</summary>
    public static readonly IReadOnlyDictionary<string, (double Ease, string[] Mistakes)> Hard = new Dictionary<string, (double, string[])>
    {
        ["attention/d-grad-q"] = (0.15, ["attention-unscaled", "transposed"]),
        ["rnn-bptt/c-grad-w-hh"] = (0.2, ["bptt-last-step-only", "sign-flipped"]),
        ["normalisation/b-grad-x"] = (0.25, ["batchnorm-mean-variance-as-constants", "variance-unbiased"]),
        ["softmax-classifier/c-grad-z"] = (0.3, ["softmax-ce-without-y", "sum-for-mean"]),
        ["regression-network/d-grad-w1"] = (0.35, ["activation-derivative-forgotten", "square-factor-dropped"]),
        ["l2-regularised/b-grad-w"] = (0.45, ["l2-gradient-missing"]),
    };

    public static readonly IReadOnlyList<string> Students =
    [
        "aiko-tanaka", "amara-okafor", "ben-li", "carlos-mendoza-rivera", "chloe-dubois", "daniel-kowalski", "divya-raghunathan",
        "elena-petrova", "emeka-nwosu", "farah-haddad", "felix-schneider", "gabriela-souza", "hana-kim", "ibrahim-al-sayed",
        "isla-mackenzie", "jakob-lindqvist", "jin-park", "kofi-mensah", "lars-eriksson", "layla-hassan", "lucia-fernandez",
        "maximilian-von-hohenstein-lindqvist", "mei-chen", "mohammed-rahman", "nadia-ivanova", "noah-becker", "olga-smirnova",
        "omar-farouk", "priya-sharma", "quentin-moreau", "rafael-costa", "sara-johansson", "sofia-rossi", "tariq-aziz",
        "tomas-novak", "uma-krishnan", "valentina-greco", "wei-zhang", "yusuf-demir", "zoe-adams",
    ];

    /// <summary>Students and the problems they did not compile.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> CompileErrors = new Dictionary<string, string[]>
    {
        ["ben-li"] = ["relu-network", "convnet"],
        ["omar-farouk"] = ["jacobians"],
        ["isla-mackenzie"] = ["attention"],
    };

    /// <summary>Students and the problems they did not submit (every problem, for two of them).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> NotSubmitted = new Dictionary<string, string[]>
    {
        ["quentin-moreau"] = [.. Layout.Select(p => p.Id)],
        ["yusuf-demir"] = [.. Layout.Select(p => p.Id)],
        ["jin-park"] = ["attention", "convnet", "rnn-bptt"],
        ["felix-schneider"] = ["hinge-subgradient"],
        ["ben-li"] = ["bce-sigmoid", "hinge-subgradient"],
        ["sofia-rossi"] = ["momentum-steps", "l2-regularised"],
    };

    public static IReadOnlyList<ProblemInfo> Problems { get; } =
        Layout.Select(p => new ProblemInfo(p.Id, 2 * p.Parts.Length, p.Parts.Select(x => new PartInfo(x, 2, false)).ToList())).ToList();

    public static Dictionary<(string Student, string Problem), SubmissionReport> Reports()
    {
        var random = new Random(24);
        var reports = new Dictionary<(string, string), SubmissionReport>();
        for (var i = 0; i < Students.Count; i++)
        {
            var s = Students[i];
            // Abilities spread over the class, in an order unrelated to the names.
            var ability = 0.35 + 0.65 * (i * 17 % Students.Count) / (Students.Count - 1);
            foreach (var p in Problems)
            {
                if (NotSubmitted.GetValueOrDefault(s)?.Contains(p.Id) == true)
                {
                    reports[(s, p.Id)] = Report(s, p, Status.Missing, p.Parts.Select(x => new PartReport(x.Id, 0, 2, Status.Missing, $"no submission: {p.Id}.csx was not found")).ToList(),
                        $"no submission: {p.Id}.csx was not found");
                    continue;
                }
                if (CompileErrors.GetValueOrDefault(s)?.Contains(p.Id) == true)
                {
                    reports[(s, p.Id)] = Report(s, p, Status.CompileError, p.Parts.Select(x => new PartReport(x.Id, 0, 2, Status.Error, "the script does not compile")).ToList(),
                        "the script does not compile (1 error(s))") with
                    { Diagnostics = [$"{p.Id}.csx:3:14: error CS1002: ; expected"] };
                    continue;
                }
                var parts = new List<PartReport>();
                foreach (var part in p.Parts)
                {
                    var hard = Hard.GetValueOrDefault($"{p.Id}/{part.Id}");
                    var ease = hard.Mistakes is null ? 0.95 : hard.Ease;
                    if (random.NextDouble() < ability * ease + (hard.Mistakes is null ? 0.1 : 0))
                    {
                        parts.Add(new(part.Id, 2, 2, Status.Correct, "correct (largest error 0; tolerance rel 0.01, abs 1E-08)"));
                        continue;
                    }
                    // Of the wrong answers to a hard part, most show its first mistake, some its second, the rest none the grader names.
                    var roll = random.NextDouble();
                    var mistake = hard.Mistakes is null ? (roll < 0.3 ? "sign-flipped" : null)
                        : roll < 0.6 ? hard.Mistakes[0] : roll < 0.8 && hard.Mistakes.Length > 1 ? hard.Mistakes[1] : null;
                    var partial = random.NextDouble() < 0.25;
                    var feedback = "mismatch at [0, 1]: expected 0.25, got -0.25" + (mistake is null ? "" : "; " + Grader.Problems.Feedback.Mistakes.Sentences[mistake]);
                    parts.Add(new PartReport(part.Id, partial ? 1 : 0, 2, partial ? Status.Partial : Status.Incorrect, feedback) { Misconception = mistake });
                }
                reports[(s, p.Id)] = Report(s, p, Status.Graded, parts, null);
            }
        }
        return reports;
    }

    private static SubmissionReport Report(string student, ProblemInfo problem, string status, IReadOnlyList<PartReport> parts, string? message) => new()
    {
        Problem = problem.Id,
        Student = student,
        Score = parts.Sum(p => p.Score),
        MaxScore = problem.MaxScore,
        Status = status,
        Parts = parts,
        Message = message,
    };
}
