using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading;

/// <summary>Grading rules on small specs, compiled and run in the test process by the worker's own code.</summary>
public class SubmissionGraderTests
{
    private const string Spec = """
        id: t
        given:
          x: [1, 2, 3]
          k: 2
        parts:
          - id: scaled
            answer: k * x
            points: 2
          - id: secret
            answer: sum(x)
            hidden: true
            points: 1
          - id: impl
            implement: "double[] Scale(double[] x, double k)"
            answer: k * x
            cases:
              - given
              - values: { x: [0, 1], k: -1 }
              - random: { count: 2, seed: 3, hidden: true, x: normal(0, 1, [4]), k: uniform(1, 2, []) }
            points: 4
          - id: strict
            implement: "double Norm1(double[] x)"
            answer: sum(abs(x))
            all_or_nothing: true
            cases:
              - given
              - values: { x: [-1, 1] }
            points: 2
        """;

    private static SubmissionReport Grade(string source)
    {
        var problem = new GradingProblem(SpecLoader.Load("t.yaml", Spec).Problem!);
        using var runner = new InProcessRunner();
        return new SubmissionGrader(runner, ExecutionLimits.Default).GradeSource(problem, "s", source, "t.csx");
    }

    private static PartReport Part(SubmissionReport r, string id) => r.Parts.Single(p => p.Id == id);

    [Test]
    public void Implement_AnsweredWithADelegate_IsCalledLikeAMethod()
    {
        var r = Grade("""
            Func<double[], double, double[]> scale = (x, k) => x.Select(v => v * k).ToArray();
            Answer("impl", scale);
            """);
        Assert.That(Part(r, "impl").Status, Is.EqualTo(Status.Correct), Part(r, "impl").Feedback);
        Assert.That(Part(r, "impl").Cases, Is.EqualTo(new CaseCounts(4, 4, 2, 2)));
    }

    [Test]
    public void Implement_PartlyRight_GetsCreditInProportion()
    {
        // Right only where k is a whole number: the given case and the values case, not the random ones.
        var r = Grade("double[] Scale(double[] x, double k) => x.Select(v => v * Math.Round(k)).ToArray();");
        var impl = Part(r, "impl");
        Assert.That(impl.Status, Is.EqualTo(Status.Partial));
        Assert.That(impl.Score, Is.EqualTo(2.0).Within(1e-9));
        Assert.That(impl.Feedback, Does.Contain("2 of 4 cases pass (0 of 2 hidden)"));
    }

    [Test]
    public void AllOrNothing_OneCaseWrong_ScoresZero()
    {
        var r = Grade("double Norm1(double[] x) => x.Sum();");
        Assert.That(Part(r, "strict").Score, Is.EqualTo(0));
        Assert.That(Part(r, "strict").Status, Is.EqualTo(Status.Incorrect));
        Assert.That(Part(r, "strict").Feedback, Does.Contain("case 2 (x = [-1, 1])"), "a visible values case is shown with its inputs");
    }

    [Test]
    public void HiddenPart_ShowsAScoreOnly()
    {
        var wrong = Part(Grade("Answer(\"secret\", 7.5);"), "secret");
        Assert.That(wrong.Status, Is.EqualTo(Status.Incorrect));
        Assert.That(wrong.Feedback, Does.Not.Contain("6").And.Not.Contain("7.5"));
        Assert.That(Part(Grade("Answer(\"secret\", 6);"), "secret").Status, Is.EqualTo(Status.Correct));
    }

    [Test]
    public void ValuePart_GivenAFunction_IsAnError() =>
        Assert.That(Part(Grade("Answer(\"scaled\", (Func<double>)(() => 1));"), "scaled").Status, Is.EqualTo(Status.Error));

    [Test]
    public void Implement_WrongParameterTypes_SaysWhatWasExpected()
    {
        var impl = Part(Grade("double[] Scale(double[] x, int k) => x;"), "impl");
        Assert.That(impl.Feedback, Does.Contain("Scale takes (double[], int) but the problem asks for (double[], double)"));
    }

    [Test]
    public void Answer_Twice_LastWins_WithAWarning()
    {
        var r = Grade("Answer(\"scaled\", new[] { 0.0, 0, 0 });\nAnswer(\"scaled\", new[] { 2.0, 4, 6 });");
        Assert.That(Part(r, "scaled").Status, Is.EqualTo(Status.Correct));
        Assert.That(r.Warnings, Has.Some.Contains("answered 2 times"));
    }

    [Test]
    public void TopLevelException_AfterAnswers_IsCrashedWithTheLine()
    {
        var r = Grade("Answer(\"scaled\", new[] { 2.0, 4, 6 });\nvar a = new int[1];\nAnswer(\"secret\", a[3]);");
        Assert.That(r.Status, Is.EqualTo(Status.Crashed));
        Assert.That(r.Message, Does.Contain("IndexOutOfRangeException").And.Contain("(line 3)"));
        Assert.That(Part(r, "scaled").Status, Is.EqualTo(Status.Correct), "what was answered before the exception is graded");
        Assert.That(r.Score, Is.EqualTo(2));
    }

    [Test]
    public void Implement_MethodNameInTheWrongCase_IsPointedOut()
    {
        var impl = Part(Grade("double[] scale(double[] x, double k) => x;"), "impl");
        Assert.That(impl.Status, Is.EqualTo(Status.Missing));
        Assert.That(impl.Feedback, Does.Contain("(there is scale: names are case-sensitive)"));
    }
}
