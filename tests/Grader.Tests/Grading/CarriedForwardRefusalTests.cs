using System.Globalization;
using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading;

/// <summary>
/// Error carried forward is not for sale: a first answer that makes every later reference degenerate (a saturated
/// sigmoid or tanh, a ReLU that is off, references of 0) earns no carried credit, and the report says why; a student
/// whose first answer is merely wrong keeps the credit for the work done from it.
/// </summary>
public class CarriedForwardRefusalTests
{
    private static readonly GradingProblem OwnNumbers = new(SpecLoader.LoadFile(Repo.Path("problems", "dl-a3", "own-numbers.yaml")).Problem!);

    private static SubmissionReport Grade(GradingProblem problem, string student, string source)
    {
        using var runner = new InProcessRunner();
        return new SubmissionGrader(runner, ExecutionLimits.Default).GradeSource(problem.For(student), student, source, "t.csx");
    }

    private static PartReport Part(SubmissionReport r, string id) => r.Parts.Single(p => p.Id == id);

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The student's own w and b (their variant), as their handout prints them.</summary>
    private static (double[] W, double B) Own(string student)
    {
        var givens = OwnNumbers.For(student).Problem.Givens;
        return (givens.Single(g => g.Name == "w").Literal!.ToArray(), givens.Single(g => g.Name == "b").Literal!.ScalarValue);
    }

    /// <summary>Every part after a-pre computed right from the student's a: what an honest student with a wrong a answers.</summary>
    private static string FromTheirA(double a) => $$"""
        double[] x = { 1, -2, 0.5 };
        double y = 1, a = {{N(a)}};
        var p = 1 / (1 + Math.Exp(-a));
        Answer("a-pre", a);
        Answer("b-out", p);
        Answer("c-loss", (y - p) * (y - p));
        var dLda = -2 * (y - p) * p * (1 - p);
        Answer("d-grad", x.Select(xi => dLda * xi).ToArray());
        """;

    // The attack: four constants, the same for every student and variant.
    private const string Saturated = """
        Answer("a-pre", 1000.0);
        Answer("b-out", 1.0);
        Answer("c-loss", 0.0);
        Answer("d-grad", new[] { 0.0, 0.0, 0.0 });
        """;

    [TestCase("alice")]
    [TestCase("bob")]
    [TestCase("write-up-mistakes")]
    public void Saturated_AnyStudent_EarnsNothing_AndIsToldWhy(string student)
    {
        var r = Grade(OwnNumbers, student, Saturated);

        Assert.That(r.Score, Is.EqualTo(0), "before: 2.5 of 6");
        Assert.That(r.Parts.Select(p => p.CarriedFrom), Is.All.Null);
        Assert.That(Part(r, "b-out").Feedback, Does.Contain("it is right for your a (a-pre), but no error is carried forward: from your a this answer hardly depends on it"));
        Assert.That(Part(r, "c-loss").Feedback, Does.Contain("no error is carried forward: from your a this answer is 0 throughout, and the right one is not"));
        Assert.That(Part(r, "d-grad").Feedback, Does.Contain("no error is carried forward: from your a this answer is 0 throughout"));
        Assert.That(r.Parts.Select(p => p.Status), Is.All.EqualTo(Status.Incorrect));
    }

    [Test]
    public void SaturatedThroughTheirOwnP_OrP1Outright_EarnsNothingForTheZeros()
    {
        // a right, p = 1 given outright: L = 0 and dL/dw = 0 follow from p, and are 0 where the right ones are not.
        var (w, b) = Own("alice");
        var a = (w[0] * 1) + (w[1] * -2) + (w[2] * 0.5) + b;
        var r = Grade(OwnNumbers, "alice", Saturated.Replace("1000.0", N(a)));

        Assert.That(Part(r, "a-pre").Status, Is.EqualTo(Status.Correct));
        Assert.That(r.Score, Is.EqualTo(1), "a-pre only");
        Assert.That(Part(r, "c-loss").Feedback, Does.Contain("from your p this answer is 0 throughout"));
    }

    /// <summary>Honest wrong first answers: the bias forgotten, a far off but not saturating, off by one.</summary>
    [TestCase("alice", "a = 4")]
    [TestCase("bob", "a = -3")]
    [TestCase("write-up-mistakes", "forgot-b")]
    [TestCase("carol", "off by one")]
    [TestCase("dave", "a = 2.5")]
    public void HonestWrongA_KeepsTheCarriedCredit(string student, string mistake)
    {
        var (w, b) = Own(student);
        var dot = (w[0] * 1) + (w[1] * -2) + (w[2] * 0.5);
        var a = mistake switch
        {
            "forgot-b" => dot,
            "off by one" => dot + b + 1,
            "a = 4" => 4.0,
            "a = 2.5" => 2.5,
            _ => -3.0,
        };

        var r = Grade(OwnNumbers, student, FromTheirA(a));

        Assert.That(Part(r, "a-pre").Score, Is.EqualTo(0));
        Assert.That(r.Parts.Skip(1).Select(p => (p.Status, p.CarriedFrom)), Is.All.EqualTo((Status.Partial, "a-pre")), string.Join("\n", r.Parts.Select(p => p.Feedback)));
        Assert.That(r.Score, Is.EqualTo(2.5), "half of 1 + 1 + 3");
    }

    private const string Activations = """
        id: t
        ecf: 0.5
        given: { x: 0.3, c: 2 }
        compute:
          z: 3 * x - 0.4
          h: tanh(z)
          r: 2 * relu(z) + c
        parts:
          - { id: a-z, answer: z }
          - { id: b-h, answer: h }
          - { id: c-r, answer: r }
        """;

    [Test]
    public void SaturatedTanh_EarnsNothing_WhatFollowsTheReLUStillDoes()
    {
        // z = 50: tanh is exactly 1 and stays 1 for z half as large or half as large again; 2 relu(50) + 2 = 102 follows z.
        var report = Grade(new GradingProblem(SpecLoader.Load("t.yaml", Activations).Problem!), "s", "Answer(\"a-z\", 50.0); Answer(\"b-h\", 1.0); Answer(\"c-r\", 102.0);");

        Assert.That((Part(report, "b-h").Score, Part(report, "b-h").CarriedFrom), Is.EqualTo((0.0, (string?)null)));
        Assert.That(Part(report, "b-h").Feedback, Does.Contain("from your z this answer hardly depends on it"));
        Assert.That((Part(report, "c-r").Score, Part(report, "c-r").CarriedFrom), Is.EqualTo((0.5, "a-z")));
    }

    [Test]
    public void AReLUThatIsOff_EarnsNothing_ATanhWhereItBendsStillDoes()
    {
        // z = -5: relu(z) is 0 and r = c whatever z; tanh(-5) still changes with z.
        var report = Grade(new GradingProblem(SpecLoader.Load("t.yaml", Activations).Problem!), "s", $"Answer(\"a-z\", -5.0); Answer(\"b-h\", {N(Math.Tanh(-5))}); Answer(\"c-r\", 2.0);");

        Assert.That((Part(report, "c-r").Score, Part(report, "c-r").CarriedFrom), Is.EqualTo((0.0, (string?)null)));
        Assert.That(Part(report, "c-r").Feedback, Does.Contain("from your z this answer hardly depends on it"));
        Assert.That((Part(report, "b-h").Score, Part(report, "b-h").CarriedFrom), Is.EqualTo((0.5, "a-z")));
    }

    [Test]
    public void ActivationsWhereTheyBend_KeepTheCarriedCredit()
    {
        // z = 0.8 instead of 0.5: tanh(0.8) and 2 relu(0.8) + 2 follow from it.
        var problem = new GradingProblem(SpecLoader.Load("t.yaml", Activations).Problem!);
        var report = Grade(problem, "s", $"Answer(\"a-z\", 0.8); Answer(\"b-h\", {N(Math.Tanh(0.8))}); Answer(\"c-r\", 3.6);");

        Assert.That(report.Parts.Skip(1).Select(p => p.CarriedFrom), Is.All.EqualTo("a-z"));
        Assert.That(report.Score, Is.EqualTo(1));
    }
}
