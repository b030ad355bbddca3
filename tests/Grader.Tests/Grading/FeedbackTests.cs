using Grader.Grading;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Grading;

/// <summary>Feedback that teaches: mistakes named by re-evaluation, error carried forward, per-student variants.</summary>
public class FeedbackTests
{
    private static Problem Load(string spec)
    {
        var loaded = SpecLoader.Load("t.yaml", spec);
        Assert.That(loaded.Errors.Select(e => e.ToString()), Is.Empty);
        return loaded.Problem!;
    }

    private static SubmissionReport Grade(string spec, string source, string student = "s") => Grade(new GradingProblem(Load(spec), student), source, student);

    private static SubmissionReport Grade(GradingProblem problem, string source, string student = "s")
    {
        using var runner = new InProcessRunner();
        return new SubmissionGrader(runner, ExecutionLimits.Default).GradeSource(problem, student, source, "t.csx");
    }

    private static PartReport Part(SubmissionReport r, string id) => r.Parts.Single(p => p.Id == id);

    private const string Quadratic = """
        id: t
        given:
          W: [[1, 2], [3, 5]]
          x: [1, -2]
        compute:
          L: sum((W @ x)^2)
        parts:
          - id: g
            answer: grad(L, W)
        """;

    // grad(L, W) = 2 (W x) x^T with W x = [-3, -7]: [[-6, 12], [-14, 28]].

    [TestCase("new double[,] { { 6, -12 }, { 14, -28 } }", "sign-flipped")]
    [TestCase("new double[,] { { -12, 24 }, { -28, 56 } }", "square-factor-doubled")]
    [TestCase("new double[,] { { -6, -14 }, { 12, 28 } }", "transposed")]
    [TestCase("new double[,] { { -6, 12 }, { -140, 28 } }", "magnitude-slip")]
    public void AWrongValue_MadeByOneMistake_IsNamed(string answer, string mistake)
    {
        var part = Part(Grade(Quadratic, $"Answer(\"g\", {answer});"), "g");
        Assert.That(part.Status, Is.EqualTo(Status.Incorrect));
        Assert.That(part.Misconception, Is.EqualTo(mistake), part.Feedback);
        Assert.That(part.Feedback, Does.EndWith(Grader.Problems.Feedback.Mistakes.Sentences[mistake].Split(' ')[^1]));
    }

    private const string ChainRule = """
        id: t
        given: { x: 1, y: 2 }
        functions:
          F(a, b): [a * b, a + b^2]
          G(x, y): [x^2, x + 3 * y]
        parts:
          - { id: j, answer: "jacobian(F(G(x, y)), [x, y])" }
        """;

    [Test]
    public void TheChainRule_InTheWrongOrder_OrAtTheWrongPoint_IsNamed()
    {
        // u = G(1, 2) = [1, 7]; J_F(u) = [[b, a], [1, 2b]] = [[7, 1], [1, 14]]; J_G = [[2x, 0], [1, 3]] = [[2, 0], [1, 3]].
        // Right: J_F(u) J_G = [[15, 3], [16, 42]]. Wrong order: J_G J_F(u) = [[14, 2], [10, 43]].
        // Wrong point: J_F(1, 2) = [[2, 1], [1, 4]], times J_G = [[5, 3], [6, 12]].
        var order = Part(Grade(ChainRule, "Answer(\"j\", new double[,] { { 14, 2 }, { 10, 43 } });"), "j");
        Assert.That(order.Misconception, Is.EqualTo("chain-rule-order"), order.Feedback);
        var point = Part(Grade(ChainRule, "Answer(\"j\", new double[,] { { 5, 3 }, { 6, 12 } });"), "j");
        Assert.That(point.Misconception, Is.EqualTo("chain-rule-point"), point.Feedback);
        Assert.That(Part(Grade(ChainRule, "Answer(\"j\", new double[,] { { 15, 3 }, { 16, 42 } });"), "j").Status, Is.EqualTo(Status.Correct));
    }

    [Test]
    public void APenaltysGradientHalved_IsNotCalledAMeanForASum()
    {
        // Found by a reviewer: lambda w for the gradient of lambda ||w||^2 was named mean-for-sum (a mean over w's two
        // elements halves the penalty too). Reductions and squares inside a penalty are now left alone for those mistakes.
        const string spec = """
            id: t
            given: { X: [[1, 2], [3, -1], [0.5, 1]], y: [1, 0, 2], w: [0.3, -0.2], lam: 0.1 }
            compute:
              r: X @ w - y
              L: mean(r^2) + lam * sum(w^2)
            parts:
              - { id: g, answer: grad(L, w) }
            """;
        var problem = new GradingProblem(Load(spec));
        var right = problem.Solutions[0].Expected!.ToArray();
        double[] w = [0.3, -0.2];
        string Script(double penalty) => "Answer(\"g\", new[] { " + string.Join(", ", right.Select((g, i) => (g - 0.2 * w[i] + penalty * w[i]).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + " });";
        Assert.That(Part(Grade(problem, Script(0.1)), "g").Misconception, Is.EqualTo("l2-gradient-halved"));
        Assert.That(Part(Grade(problem, Script(0.4)), "g").Misconception, Is.EqualTo("l2-gradient-doubled"));
        Assert.That(Part(Grade(problem, Script(0)), "g").Misconception, Is.EqualTo("l2-gradient-missing"));
    }

    [Test]
    public void EcfThatCanNeverApply_IsAWarning()
    {
        var loaded = SpecLoader.Load("t.yaml", Chain.Replace("  - { id: d-grad, answer: grad(L, w), points: 2, ecf: 0 }", "  - { id: d-grad, answer: grad(L, w), points: 2, ecf: 0 }\n  - { id: e-first, answer: 3 * w, ecf: 0.5 }"));
        Assert.That(loaded.Problem, Is.Not.Null);
        Assert.That(loaded.Warnings.Select(x => x.ToString()), Has.One.Contain("ecf: on part `e-first` can never apply"));
    }

    [Test]
    public void AWrongValue_NoMistakeExplains_NamesNothing()
    {
        var part = Part(Grade(Quadratic, "Answer(\"g\", new double[,] { { -6.5, 12 }, { -14, 29 } });"), "g");
        Assert.That(part.Misconception, Is.Null, part.Feedback);
        Assert.That(part.Feedback, Does.EndWith("(error 0.5 > allowed 0.06)"));
    }

    [Test]
    public void TwoMistakesGivingTheSameValue_NameNeither()
    {
        // Two samples, a summed square: dropping the square's 2 and taking a mean both halve the gradient.
        const string spec = """
            id: t
            given: { w: 0.5, X: [1, 2], Y: [1, 3] }
            compute:
              L: sum((Y - w * X)^2)
            parts:
              - { id: g, answer: grad(L, w) }
            """;
        var problem = new GradingProblem(Load(spec));
        var s = problem.Solutions[0];
        var half = s.Expected![0] / 2;
        var ids = problem.Candidates(s).Where(c => s.Tolerance.Accepts(half, c.Value[0])).Select(c => c.Id).ToList();
        Assert.That(ids, Is.SupersetOf(new[] { "square-factor-dropped", "mean-for-sum" }), "the test needs the two to coincide");
        var part = Part(Grade(problem, $"Answer(\"g\", {half.ToString("R", System.Globalization.CultureInfo.InvariantCulture)});"), "g");
        Assert.That(part.Misconception, Is.Null, part.Feedback);
        Assert.That(part.Feedback, Does.Not.Contain("square").And.Not.Contain("mean"));
    }

    [Test]
    public void AnAuthorsMistake_IsNamedWithItsFeedback_BeforeTheCatalogue()
    {
        var spec = Quadratic + """

                mistakes:
                  - { id: forgot-x, answer: 2 * outer(W @ x, [1, 1]), feedback: "the input x is missing from the outer product" }
                  - { answer: -grad(L, W), feedback: "read the sign off the loss again" }
            """;
        var forgot = Part(Grade(spec, "Answer(\"g\", new double[,] { { -6, -6 }, { -14, -14 } });"), "g");
        Assert.That(forgot.Misconception, Is.EqualTo("forgot-x"));
        Assert.That(forgot.Feedback, Does.EndWith("; the input x is missing from the outer product"));
        // The author's entry matches together with the built-in sign-flipped: the author's wins.
        var sign = Part(Grade(spec, "Answer(\"g\", new double[,] { { 6, -12 }, { 14, -28 } });"), "g");
        Assert.That(sign.Misconception, Is.EqualTo("g/mistake-2"));
        Assert.That(sign.Feedback, Does.EndWith("read the sign off the loss again"));
    }

    [Test]
    public void AHiddenPart_IsNeverDiagnosed()
    {
        var part = Part(Grade(Quadratic.Replace("answer: grad(L, W)", "answer: grad(L, W)\n    hidden: true"), "Answer(\"g\", new double[,] { { 6, -12 }, { 14, -28 } });"), "g");
        Assert.That(part.Misconception, Is.Null);
        Assert.That(part.Feedback, Is.EqualTo("not correct (hidden part: no details)"));
    }

    [Test]
    public void AnImplementPart_ItsFirstVisibleFailingCase_IsDiagnosed()
    {
        const string spec = """
            id: t
            given: { w: [1, 2, 0.5], x: [3, -1, 2] }
            compute:
              L: sum((w * x)^2)
            parts:
              - id: impl
                implement: "double[] G(double[] w, double[] x)"
                answer: grad(L, w)
                cases:
                  - given
                  - random: { count: 3, seed: 1, hidden: true, w: normal(0, 1, [3]), x: normal(0, 1, [3]) }
            """;
        var part = Part(Grade(spec, "double[] G(double[] w, double[] x) => w.Select((v, i) => v * x[i] * x[i]).ToArray();"), "impl");
        Assert.That(part.Misconception, Is.EqualTo("square-factor-dropped"), part.Feedback);
        Assert.That(part.Feedback, Does.Contain("case 1").And.Contain(Grader.Problems.Feedback.Mistakes.Sentences["square-factor-dropped"]));
    }

    // ---- error carried forward

    private const string Chain = """
        id: t
        ecf: 0.5
        given: { x: [1, 2], w: [0.5, -1] }
        compute:
          z: w * x
          yhat: sum(z)
          L: yhat^2
        parts:
          - { id: a-z, answer: z, points: 2 }
          - { id: b-yhat, answer: yhat, points: 2 }
          - { id: c-loss, answer: L, points: 2 }
          - { id: d-grad, answer: grad(L, w), points: 2, ecf: 0 }
        """;

    // Right: z = [0.5, -2], yhat = -1.5, L = 2.25, grad = 2 yhat x = [-3, -6].

    [Test]
    public void ALaterPart_RightForTheStudentsOwnWrongValue_GetsTheEcfShare()
    {
        // z wrong ([0.5, 2]: a sign lost), everything after it right for that z.
        var r = Grade(Chain, """
            Answer("a-z", new[] { 0.5, 2 });
            Answer("b-yhat", 2.5);
            Answer("c-loss", 6.25);
            Answer("d-grad", new[] { 5.0, 10 });
            """);
        Assert.That(Part(r, "a-z").Score, Is.EqualTo(0));
        var yhat = Part(r, "b-yhat");
        Assert.That((yhat.Score, yhat.Status, yhat.CarriedFrom), Is.EqualTo((1.0, Status.Partial, "a-z")));
        Assert.That(yhat.Feedback, Does.StartWith("not the right value, but right for your z (a-z), which was itself wrong: 50% of the points (error carried forward)"));
        // c-loss follows from the student's yhat, itself from their z: the first node that diverged is z.
        var loss = Part(r, "c-loss");
        Assert.That((loss.Score, loss.CarriedFrom), Is.EqualTo((1.0, "a-z")));
        // ecf: 0 on the part beats the spec's default.
        Assert.That(Part(r, "d-grad").Score, Is.EqualTo(0));
        Assert.That(r.Score, Is.EqualTo(2));
        Assert.That(ReportJson.Write(r), Does.Contain("\"carried_from\": \"a-z\""));
    }

    [Test]
    public void ALaterPart_WrongEvenForTheStudentsValue_GetsNothing()
    {
        var r = Grade(Chain, """
            Answer("a-z", new[] { 0.5, 2 });
            Answer("b-yhat", 3.5);
            """);
        Assert.That(Part(r, "b-yhat").Score, Is.EqualTo(0));
        Assert.That(Part(r, "b-yhat").CarriedFrom, Is.Null);
    }

    [Test]
    public void WithoutEcf_NothingIsCarriedForward()
    {
        var r = Grade(Chain.Replace("ecf: 0.5\n", ""), """
            Answer("a-z", new[] { 0.5, 2 });
            Answer("b-yhat", 2.5);
            """);
        Assert.That(Part(r, "b-yhat").Score, Is.EqualTo(0));
    }

    [Test]
    public void AGradient_ThroughTheStudentsWrongForwardValue_IsCarriedForward()
    {
        // d-grad with ecf: grad(L, w) = 2 yhat x, from the student's yhat = 2.5: [5, 10].
        var r = Grade(Chain.Replace(", ecf: 0 }", " }"), """
            Answer("b-yhat", 2.5);
            Answer("d-grad", new[] { 5.0, 10 });
            """);
        Assert.That((Part(r, "d-grad").Score, Part(r, "d-grad").CarriedFrom), Is.EqualTo((1.0, "b-yhat")));
    }

    [Test]
    public void CarriedForward_NamesNoMistakeAgainstTheRightValue()
    {
        // dLda = p - 1 from the student's own wrong a is right for their a; against the right a it is also within 1% of
        // sigma' taken at the activation, a mistake the student did not make: the credit alone explains it.
        var r = Grade("""
            id: t
            ecf: 0.5
            given:
              x: [1.0, 2.0]
              w: [0.2, 0.1]
              b: 0.03
              t: 1
            compute:
              a: dot(w, x) + b
              p: sigmoid(a)
              L: -(t * log(p) + (1 - t) * log(1 - p))
            parts:
              - { id: a, answer: a }
              - { id: p, answer: p }
              - { id: dLda, answer: grad(L, a) }
            """, """
            double a = 0.5;
            double p = 1 / (1 + Math.Exp(-a));
            Answer("a", a);
            Answer("p", p);
            Answer("dLda", p - 1);
            """);
        var d = Part(r, "dLda");
        Assert.That((d.Status, d.CarriedFrom, d.Misconception), Is.EqualTo((Status.Partial, "a", (string?)null)));
        Assert.That(d.Feedback, Does.StartWith("not the right value, but right for your a (a)").And.Contains("the value is off").And.Not.Contains("sigma'"));
    }

    // ---- per-student variants

    private const string Variant = """
        id: v
        given:
          W: { normal: [0, 1], shape: [2, 2], round: 2 }
          x: [1, 2]
        parts:
          - { id: y, answer: W @ x }
        """;

    [Test]
    public void AStudentsVariant_IsTheSameEveryTime_AndTheirOwn()
    {
        var p = Load(Variant);
        var alice = Variants.ForStudent(p, "alice").Givens[0].Literal!;
        Assert.That(Variants.ForStudent(Load(Variant), "alice").Givens[0].Literal!.ToArray(), Is.EqualTo(alice.ToArray()));
        Assert.That(Variants.ForStudent(p, "bob").Givens[0].Literal!.ToArray(), Is.Not.EqualTo(alice.ToArray()));
        Assert.That(alice.ToArray().All(v => Math.Round(v, 2) == v), Is.True, "rounded to 2 decimals");
        // Pinned: SHA-256 and SplitMix64 are specified bit for bit, so these numbers are the same on every machine.
        Assert.That(Variants.Seed("v", "alice"), Is.Not.EqualTo(Variants.Seed("w", "alice")), "the problem is part of the seed");
        Assert.That(alice.ToArray(), Is.EqualTo(PinnedAlice));
    }

    /// <summary>Alice's W as an independent implementation computes it (Fixtures/variant_draws.py, Python's hashlib).</summary>
    private static readonly double[] PinnedAlice = [0.15, 1.9, -0.43, -0.09];

    [Test]
    public void EachStudent_IsGradedAgainstTheirOwnNumbers()
    {
        var problem = new GradingProblem(Load(Variant));
        var alice = problem.For("alice");
        var y = alice.Solutions[0].Expected!.ToArray();
        var script = $"Answer(\"y\", new[] {{ {string.Join(", ", y.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))} }});";
        Assert.That(Grade(alice, script, "alice").Score, Is.EqualTo(1));
        Assert.That(Grade(problem.For("bob"), script, "bob").Score, Is.EqualTo(0));
        Assert.That(problem.For("alice"), Is.SameAs(alice), "a variant is solved once");
    }

    [TestCase("all-correct")]
    [TestCase("partial")]
    [TestCase("write-up-mistakes")]
    [TestCase("alice")]
    public void TheShippedVariantSpec_AgreesWithPyTorch_ForEachStudent(string student)
    {
        // Fixtures/torch/variants.json: the draws by an independent implementation, the answers by PyTorch float64.
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repo.Path("tests", "Grader.Tests", "Fixtures", "torch", "variants.json")));
        var expected = doc.RootElement.GetProperty("students").GetProperty(student);
        var problem = new GradingProblem(SpecLoader.LoadFile(Repo.Path("problems", "dl-a3", "own-numbers.yaml")).Problem!).For(student);
        Assert.That(problem.Problem.Givens.Single(g => g.Name == "w").Literal!.ToArray(),
            Is.EqualTo(expected.GetProperty("w").EnumerateArray().Select(x => x.GetDouble()).ToArray()));
        foreach (var s in problem.Solutions)
        {
            var e = expected.GetProperty(s.Part.Id);
            var values = e.ValueKind == System.Text.Json.JsonValueKind.Array ? e.EnumerateArray().Select(x => x.GetDouble()).ToArray() : [e.GetDouble()];
            Assert.That(s.Expected!.ToArray(), Is.EqualTo(values).Within(1e-15), s.Part.Id);
        }
    }

    [Test]
    public void AVariantSpec_IsValidatedInSampleVariants()
    {
        // log of a normal draw: some variant has a negative value, and validate says which.
        var loaded = SpecLoader.Load("t.yaml", """
            id: t
            given:
              w: { normal: [0, 1], shape: [6] }
            parts:
              - { id: p, answer: log(w) }
            """);
        Assert.That(loaded.Problem, Is.Null);
        Assert.That(loaded.Errors.Select(e => e.Message), Has.Some.Contain("NaN").Or.Some.Contain("not finite"));
    }
}
