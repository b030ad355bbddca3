using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading;

/// <summary>
/// The course's mistakes that no shipped part holds (dropout's scale, Adam's bias correction, weight decay on a bias),
/// each on a spec of its own: the mistaken value is computed here by hand, and the diagnosis must name it.
/// </summary>
public class CourseMistakeKindsTests
{
    private static string? Named(string yaml, string part, double[] got)
    {
        var result = SpecLoader.Load("t.yaml", yaml);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        var s = ReferenceSolver.Solve(result.Problem!).Single(x => x.Part.Id == part);
        var candidates = Diagnosis.Candidates(result.Problem!, s.Part, s.Expected!, s.Tolerance);
        return Diagnosis.Name(candidates, got, s.Tolerance)?.Id;
    }

    [Test]
    public void DropoutWithoutItsScale_IsNamed()
    {
        const string yaml = """
            id: t
            given: { x: [1.0, -2.0, 3.0, 0.5], mask: [1, 0, 1, 1], p: 0.25, w: [0.3, 0.1, -0.2, 0.4] }
            compute:
              h: x * mask / (1 - p)
            parts:
              - { id: h, answer: h }
            """;
        // Without 1 / (1 - p): the kept activations as they are.
        Assert.That(Named(yaml, "h", [1.0, 0, 3.0, 0.5]), Is.EqualTo("dropout-unscaled"));
    }

    [Test]
    public void AdamWithoutBiasCorrection_IsNamed()
    {
        const string yaml = """
            id: t
            given: { w0: [1.0, -0.5], lr: 0.1, b1: 0.9, b2: 0.999, eps: 1e-8 }
            functions:
              J(w): sum(w ^ 2)
            compute:
              adam:
                steps: 2
                init: { w: w0, m: [0, 0], v: [0, 0] }
                update:
                  g: grad(J(w), w)
                  m: b1 * m + (1 - b1) * g
                  v: b2 * v + (1 - b2) * g ^ 2
                  w: w - lr * (m / (1 - b1 ^ t)) / (sqrt(v / (1 - b2 ^ t)) + eps)
            parts:
              - { id: w2, answer: "w" }
            """;
        // By hand, without the bias corrections: m and v as they are.
        double[] w = [1.0, -0.5], m = [0, 0], v = [0, 0];
        for (var t = 1; t <= 2; t++)
        {
            for (var i = 0; i < 2; i++)
            {
                var g = 2 * w[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                w[i] -= 0.1 * m[i] / (Math.Sqrt(v[i]) + 1e-8);
            }
        }
        Assert.That(Named(yaml, "w2", w), Is.EqualTo("adam-no-bias-correction"));
    }

    [Test]
    public void WeightDecayOnTheBias_IsNamed()
    {
        const string yaml = """
            id: t
            given: { X: [[1.0, 2.0], [0.5, -1.0], [-1.5, 0.5]], y: [1.0, 0.0, 2.0], W: [0.3, -0.2], b: 0.4, lam: 0.1 }
            compute:
              L: sum((X @ W + b - y) ^ 2) + lam * sum(W ^ 2)
            parts:
              - { id: grad-b, answer: grad(L, b) }
            """;
        double[,] X = { { 1.0, 2.0 }, { 0.5, -1.0 }, { -1.5, 0.5 } };
        double[] y = [1.0, 0.0, 2.0], W = [0.3, -0.2];
        var grad = Enumerable.Range(0, 3).Sum(i => 2 * (X[i, 0] * W[0] + X[i, 1] * W[1] + 0.4 - y[i]));
        Assert.That(Named(yaml, "grad-b", [grad + 2 * 0.1 * 0.4]), Is.EqualTo("weight-decay-on-bias"));
    }
}

/// <summary>Error carried forward together with a later mistake: both are told, and no points are carried.</summary>
public class CarriedWithMistakeTests
{
    [Test]
    public void AValueFromTheStudentsOwnEarlierAnswer_WithAMistakeOfItsOwn_IsToldBoth()
    {
        var problem = new Grader.Grading.GradingProblem(SpecLoader.Load("t.yaml", """
            id: t
            given: { x: [1.0, 2.0], w: [0.5, -0.3] }
            compute:
              z: dot(w, x)
              p: sigmoid(z)
              L: -log(p)
            parts:
              - { id: z, answer: z, points: 1 }
              - { id: grad-w, answer: grad(L, w), ecf: 0.5, points: 2 }
            """).Problem!);
        // Their z is 1 (it is -0.1); from it, with sigma' left out: dL/dw = -1/sigma(z) * x.
        var p = 1 / (1 + Math.Exp(-1.0));
        var g = new[] { -1 / p * 1.0, -1 / p * 2.0 };
        using var runner = new InProcessRunner();
        var report = new Grader.Grading.SubmissionGrader(runner, Grader.Grading.Execution.ExecutionLimits.Default).GradeSource(problem, "s",
            $"Answer(\"z\", 1.0); Answer(\"grad-w\", new[] {{ {g[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, {g[1].ToString("R", System.Globalization.CultureInfo.InvariantCulture)} }});", "s.csx");
        var part = report.Parts.Single(x => x.Id == "grad-w");
        Assert.That(part.Misconception, Is.EqualTo("activation-derivative-forgotten"), part.Feedback);
        Assert.That(part.CarriedFrom, Is.EqualTo("z"), part.Feedback);
        Assert.That(part.Score, Is.EqualTo(0));
        Assert.That(part.Feedback, Does.Contain("from your z (z, itself wrong) this value follows with one mistake of its own"));
    }
}
