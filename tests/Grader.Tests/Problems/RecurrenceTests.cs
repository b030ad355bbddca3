using Grader.Engine;
using Grader.Problems;
using Grader.Problems.Expressions;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Release;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>
/// Recurrences under compute: (src/Grader.Problems/README.md, "Recurrences"): how an update reads its names, every iterate named in a part,
/// gradients through every step, the errors with their places, the bounds, and what the public file keeps out.
/// PyTorch's values are checked in <see cref="Engine.RecurrenceTorchTests"/>.
/// </summary>
public class RecurrenceTests
{
    private static Problem Load(string yaml)
    {
        var result = SpecLoader.Load("t.yaml", yaml);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty, yaml);
        return result.Problem!;
    }

    private static Dictionary<string, double[]> Solve(string yaml) =>
        ReferenceSolver.Solve(Load(yaml)).ToDictionary(s => s.Part.Id, s => s.Shown!.ToArray());

    private static List<string> Errors(string yaml)
    {
        var result = SpecLoader.Load("t.yaml", yaml);
        Assert.That(result.Problem, Is.Null, "the spec should be refused");
        Assert.That(result.Errors.Where(e => string.IsNullOrWhiteSpace(e.Hint)).Select(e => e.ToString()), Is.Empty, "every error has a hint");
        return result.Errors.Select(e => e.ToString()).ToList();
    }

    private const string Counter = """
        id: t
        given: { s0: 0 }
        compute:
          count:
            steps: 4
            init: { s: s0 }
            update:
              s: s + t
        parts:
          - id: last
            answer: s
          - id: s2
            answer: s[t=2]
          - id: first
            answer: s[t=0]
          - id: all
            answer: s[t=:]
          - id: middle
            answer: s[t=1:3]
        """;

    [Test]
    public void Iterates_AreNamedByTheirStep_TheLastByTheVariable_AndRangesStack()
    {
        var s = Solve(Counter);
        Assert.That(s["last"], Is.EqualTo(new double[] { 10 }), "0 + 1 + 2 + 3 + 4: the index runs from 1 to steps");
        Assert.That(s["s2"], Is.EqualTo(new double[] { 3 }));
        Assert.That(s["first"], Is.EqualTo(new double[] { 0 }));
        Assert.That(s["all"], Is.EqualTo(new double[] { 0, 1, 3, 6, 10 }), "iterate 0 first");
        Assert.That(s["middle"], Is.EqualTo(new double[] { 1, 3 }), "a range leaves out its end, as a slice does");
    }

    [Test]
    public void Update_ReadsTheIterateBefore_UnlessUpdatedAboveInTheSameStep()
    {
        const string spec = """
            id: t
            given: { one: 1 }
            compute:
              r:
                steps: 3
                init: { a: one, c: one }
                update:
                  b: a          # a before this step: b has no init, it is computed at each step
                  a: 2 * a
                  c: a + b      # a of this step (updated above), b of this step
            parts:
              - id: a
                answer: a[t=:]
              - id: b
                answer: b[t=:]
              - id: c
                answer: c[t=1:]
            """;
        var s = Solve(spec);
        Assert.That(s["a"], Is.EqualTo(new double[] { 1, 2, 4, 8 }));
        Assert.That(s["b"], Is.EqualTo(new double[] { 1, 2, 4 }), "a value without init has iterates 1 to T");
        Assert.That(s["c"], Is.EqualTo(new double[] { 3, 6, 12 }));
    }

    [Test]
    public void Init_SeesTheInitsAboveIt_AndStepsMayBeAGivenWrittenAsANumber()
    {
        const string spec = """
            id: t
            given: { x0: 2, T: 3 }
            compute:
              r:
                steps: T - 1
                index: k
                init:
                  x: x0
                  y: 10 * x
                update:
                  x: x + y * k
                  y: y
            parts:
              - id: y0
                answer: y[k=0]
              - id: x
                answer: x
            """;
        var s = Solve(spec);
        Assert.That(s["y0"], Is.EqualTo(new double[] { 20 }));
        Assert.That(s["x"], Is.EqualTo(new double[] { 2 + 20 * 1 + 20 * 2 }), "two steps, counted with k");
    }

    [Test]
    public void Gradient_ReachesThroughEveryStep_OfALinearRecurrence()
    {
        // x_t = a x_(t-1): x_T = a^T x_0, so dx_T/dx_0 = a^T and dx_T/da = T a^(T-1) x_0 (every step's term).
        const string spec = """
            id: t
            given: { a: 0.9, x0: 2 }
            compute:
              r:
                steps: 7
                init: { x: x0 }
                update:
                  x: a * x
            parts:
              - id: dx0
                answer: grad(x, x0)
              - id: da
                answer: grad(x, a)
              - id: dx3
                answer: grad(x, x[t=3])
            """;
        var s = Solve(spec);
        Assert.That(s["dx0"][0], Is.EqualTo(Math.Pow(0.9, 7)).Within(1e-15));
        Assert.That(s["da"][0], Is.EqualTo(7 * Math.Pow(0.9, 6) * 2).Within(1e-14));
        Assert.That(s["dx3"][0], Is.EqualTo(Math.Pow(0.9, 4)).Within(1e-15), "from step 3 on: four steps");
    }

    [Test]
    public void Bptt_GradientOfTheLastHiddenState_IsNotTheLastStepsTermAlone()
    {
        var problem = SpecLoader.LoadFile(Repo.Path("problems", "dl-a4", "rnn-bptt.yaml")).Problem!;
        var full = ReferenceSolver.Solve(problem).Single(s => s.Part.Id == "f-grad-W_hh").Expected!;
        var part = problem.Parts.Single(p => p.Id == "f-grad-W_hh");
        var lastTerm = ReferenceSolver.EvaluatePart(problem, part, part.Mistakes.Single().Answer);
        Assert.That(Enumerable.Range(0, full.Size).Max(i => Math.Abs(full[i] - lastTerm[i])), Is.GreaterThan(1e-3), "the earlier steps' terms count");

        // Finite differences of the whole unrolled loss agree with the engine's gradient, element by element.
        var L = problem.Steps.Single(s => s.Name == "L");
        var W = problem.Givens.Single(g => g.Name == "W_hh").Literal!;
        for (var i = 0; i < W.Size; i++)
        {
            double At(double delta)
            {
                var moved = W.ToArray();
                moved[i] += delta;
                return ReferenceSolver.EvaluatePart(problem, part, L.Expression, [new("W_hh", new Tensor([3, 3], moved))])[0];
            }
            Assert.That(full[i], Is.EqualTo((At(1e-6) - At(-1e-6)) / 2e-6).Within(1e-8), $"element {i}");
        }
    }

    [Test]
    public void AnOptimizerStep_TakesTheGradientAtTheCurrentWeights()
    {
        // J(w) = (w - 3)^2 / 2: g = w - 3. Gradient descent with lr 0.5 halves the distance to 3 at each step.
        const string spec = """
            id: t
            given: { w0: 1, lr: 0.5 }
            functions:
              J(w): (w - 3)^2 / 2
            compute:
              gd:
                steps: 3
                init: { w: w0 }
                update:
                  g: grad(J(w), w)
                  w: w - lr * g
            parts:
              - id: g
                answer: g[t=:]
              - id: w
                answer: w[t=:]
              - id: at-last
                answer: grad(J(w), w)
            """;
        var s = Solve(spec);
        Assert.That(s["g"], Is.EqualTo(new double[] { -2, -1, -0.5 }));
        Assert.That(s["w"], Is.EqualTo(new double[] { 1, 2, 2.5, 2.75 }));
        Assert.That(s["at-last"], Is.EqualTo(new double[] { -0.25 }), "a gradient with respect to the last iterate needs no second derivative");
    }

    [Test]
    public void DifferentiatingThroughAGradientStep_IsRefused_WithTheRecurrenceNamed()
    {
        const string spec = """
            id: t
            given: { w0: 1, lr: 0.5 }
            functions:
              J(w): (w - 3)^2 / 2
            compute:
              gd:
                steps: 3
                init: { w: w0 }
                update:
                  w: w - lr * grad(J(w), w)
              final: J(w)
            parts:
              - id: p
                answer: grad(final, w0)
            """;
        var errors = Errors(spec);
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith("t.yaml:14:13: error: grad(final, w0): differentiates through recurrence `gd`, whose update of `w` takes the gradient `grad(J(w), w)` at every step (line 10)"));
        Assert.That(errors[0], Does.Contain("second derivative").And.Contain("write the update's gradient as a formula"));

        // The same descent with the gradient written out differentiates through every step: d w_3 / d w0 = (1 - lr)^3.
        var closed = Solve(spec.Replace("grad(J(w), w)", "(w - 3)", StringComparison.Ordinal).Replace("grad(final, w0)", "grad(w, w0)", StringComparison.Ordinal));
        Assert.That(closed["p"], Is.EqualTo(new double[] { 0.125 }));
    }

    [Test]
    public void AThousandStepsDeep_AreComputedOnDemand_OneAfterAnother()
    {
        const string spec = """
            id: t
            given: { x0: 0.5 }
            compute:
              logistic:
                steps: 1000
                init: { x: x0 }
                update:
                  x: 3.5 * x * (1 - x)
            parts:
              - id: x
                answer: x
              - id: dx
                answer: grad(x, x[t=990])
            """;
        var problem = Load(spec);
        // Solving computes steps only when used: x asks for iterate 1000, which computes 0 to 999 first, one after
        // another, never one inside another (a thread with a small stack would run out 1,000 deep).
        Tensor? lazy = null;
        Exception? failed = null;
        var thread = new Thread(() =>
        {
            try
            {
                lazy = ReferenceSolver.EvaluatePart(problem, problem.Parts[0]);
            }
            catch (Exception ex)
            {
                failed = ex;
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.That(failed, Is.Null);
        var x = 0.5;
        for (var k = 0; k < 1000; k++)
        {
            x = 3.5 * x * (1 - x);
        }
        Assert.That(lazy![0], Is.EqualTo(x));
        Assert.That(ReferenceSolver.Solve(problem)[0].Expected![0], Is.EqualTo(x));
    }

    [Test]
    public void ErrorCarriedForward_FollowsTheIterates()
    {
        var problem = SpecLoader.LoadFile(Repo.Path("problems", "dl-a4", "momentum-steps.yaml")).Problem!;
        var w2 = problem.Parts.Single(p => p.Id == "c-w2");
        Assert.That(CarriedForward.StepAnswered(problem, problem.Parts.Single(p => p.Id == "b-w1")), Is.EqualTo("w[t=1]"));
        Assert.That(CarriedForward.Reached(problem, w2.Answer!, new HashSet<string> { "w[t=1]" }), Is.EqualTo(new[] { "w[t=1]" }));
        // From a wrong w_1, the second step is taken at their w_1 (the gradient there, the reference velocity).
        Tensor theirs = Tensor.Vector(0.1, 0.2, 0.3);
        var carried = CarriedForward.Evaluate(problem, w2, new Dictionary<string, Tensor> { ["w[t=1]"] = theirs })!;
        var right = ReferenceSolver.Solve(problem).Single(s => s.Part.Id == "c-w2").Expected!;
        Assert.That(carried.ToArray(), Is.Not.EqualTo(right.ToArray()));
        var g2 = ReferenceSolver.EvaluatePart(problem, w2, Parser.Parse("grad(J(w[t=1]), w[t=1])", new SourceLocation("t", 1, 1)),
            substitute: new Dictionary<string, Tensor> { ["w[t=1]"] = theirs });
        var v1 = ReferenceSolver.Solve(problem).Single(s => s.Part.Id == "a-g1").Expected!;
        for (var i = 0; i < 3; i++)
        {
            Assert.That(carried[i], Is.EqualTo(theirs[i] - 0.5 * (0.9 * v1[i] + g2[i])).Within(1e-15));
        }
    }

    [Test]
    public void APart_At_AndAnImplementPart_RecomputeTheRecurrence()
    {
        const string spec = """
            id: t
            given: { s0: 0, c: 1 }
            compute:
              r:
                steps: 3
                init: { s: s0 }
                update:
                  s: s + c
            parts:
              - id: at
                answer: s
                at: { s0: 10 }
              - id: impl
                implement: "double Run(double s0, double c)"
                answer: s
                cases:
                  - given
                  - values: { s0: 1, c: 2 }
            """;
        var solved = ReferenceSolver.Solve(Load(spec));
        Assert.That(solved[0].Expected![0], Is.EqualTo(13));
        Assert.That(solved[1].Cases.Select(c => c.Expected[0]), Is.EqualTo(new double[] { 3, 7 }));
    }

    [Test]
    public void PerStudentNumbers_FlowThroughTheRecurrence_ButNotIntoItsNumberOfSteps()
    {
        const string spec = """
            id: t
            given:
              w0: { normal: [0, 1], shape: [2], round: 2 }
              n: { randint: [2, 5] }
            compute:
              r:
                steps: 3
                init: { w: w0 }
                update:
                  w: 0.5 * w
            parts:
              - id: p
                answer: w
            """;
        var problem = Load(spec);
        foreach (var student in new[] { "alice", "bob" })
        {
            var own = Variants.ForStudent(problem, student);
            var w0 = own.Givens.Single(g => g.Name == "w0").Literal!.ToArray();
            Assert.That(ReferenceSolver.Solve(own)[0].Expected!.ToArray(), Is.EqualTo(w0.Select(x => x / 8)), student);
        }
        var errors = Errors(spec.Replace("steps: 3", "steps: n", StringComparison.Ordinal));
        Assert.That(errors.Single(), Does.StartWith("t.yaml:7:12: error: steps: of recurrence `r` uses `n`, which is drawn per student"));
    }

    [Test]
    public void PublicFile_KeepsTheUpdatesOut()
    {
        foreach (var name in new[] { "rnn-bptt", "momentum-steps" })
        {
            var problem = SpecLoader.LoadFile(Repo.Path("problems", "dl-a4", name + ".yaml")).Problem!;
            var text = PublicSpecWriter.Write(PublicSpecBuilder.Build(problem).Spec);
            foreach (var v in problem.Recurrences.SelectMany(r => r.Variables))
            {
                Assert.That(text, Does.Not.Contain(v.Update.Text), $"{name}: the update of {v.Name}");
            }
            foreach (var step in problem.Steps.Where(s => s.Origin is { Iteration: > 0 }))
            {
                Assert.That(text, Does.Not.Contain(step.Expression.Text), $"{name}: step {step.Name}");
            }
            Assert.That(text, Does.Not.Contain("update:").And.Not.Contain("init:"), name);
        }
    }

    [TestCase("h[t=3]", "h[t=3]")]
    [TestCase("h[ t = 3 ]", "h[t=3]")]
    [TestCase("h [t=03]", "h[t=3]")]
    [TestCase("out.h[k=0]", "out.h[k=0]")]
    [TestCase("h[t=1:]", "h[t=1:]")]
    [TestCase("h[t=:]", "h[t=:]")]
    [TestCase("h[t = : 4]", "h[t=:4]")]
    public void Parser_MakesOneNameOfAnIterate(string text, string name)
    {
        var e = Parser.Parse(text, new SourceLocation("t", 1, 1));
        Assert.That(e, Is.TypeOf<NameExpr>());
        Assert.That(((NameExpr)e).Name, Is.EqualTo(name));
        Assert.That(IterateName.TryParse(name)!.ToString(), Is.EqualTo(name));
    }

    [Test]
    public void Parser_KeepsOrdinaryIndexing()
    {
        var at = new SourceLocation("t", 1, 1);
        Assert.That(Parser.Parse("h[3]", at), Is.TypeOf<IndexExpr>());
        Assert.That(Parser.Parse("h[i == 1]", at), Is.TypeOf<IndexExpr>());
        Assert.That(Parser.Parse("M[t, 0]", at), Is.TypeOf<IndexExpr>());
        var element = Parser.Parse("h[t=3][0]", at);
        Assert.That(element, Is.TypeOf<IndexExpr>());
        Assert.That(((IndexExpr)element).Target, Is.EqualTo(new NameExpr("h[t=3]", 0, 6) { Source = element.Source }));
    }

    [TestCase("h[t=t-1]", 5, "h[t=...] names an iterate by a whole number written out, not by an expression")]
    [TestCase("h[t=-1]", 5, "h[t=...] names an iterate by a whole number written out, not by an expression")]
    [TestCase("h[t=1.5]", 5, "h[t=...] names an iterate by a whole number, such as h[t=2]")]
    [TestCase("h[t=]", 5, "h[t=...] needs the number of an iterate, such as h[t=1]")]
    [TestCase("h[t=2, 0]", 6, "expected ']' to close h[t=...], found ','")]
    public void Parser_RefusesAnIterateThatIsNotANumber(string text, int column, string message)
    {
        var ex = Assert.Throws<ExprException>(() => Parser.Parse(text, new SourceLocation("t", 1, 1)))!;
        Assert.That(ex.Message, Is.EqualTo(message));
        Assert.That(ex.Location.Column, Is.EqualTo(column));
        Assert.That(ex.Hint, Does.Contain("h alone is the iterate before"));
    }

    private const string Head = """
        id: t
        given:
          W: [[0.5, -0.3], [0.2, 0.4]]
          h0: [0, 0]
          xs: [[1, 2], [0.5, -1], [-1, 0.5]]
        compute:

        """;

    private static string WithRecurrence(string body, string answer = "h") => Head + body + $"\nparts:\n  - id: p\n    answer: {answer}\n";

    public static IEnumerable<TestCaseData> Refused()
    {
        TestCaseData Case(string name, string body, string answer, params string[] errors) =>
            new TestCaseData(WithRecurrence(body, answer), errors).SetName($"Load_Refuses_{name}");
        yield return Case("UnknownNameInUpdate", """
              rnn:
                steps: 3
                init: { h: h0 }
                update:
                  h: tanh(W @ hh + xs[t - 1])
            """, "h", "t.yaml:11:19: error: unknown name `hh`\n    hint: did you mean `h`?");
        yield return Case("AStateVariableWithoutInit", """
              rnn:
                steps: 3
                init: { g: h0 }
                update:
                  h: tanh(W @ h)
            """, "h",
            "t.yaml:9:13: error: `g` has an init in recurrence `rnn` but update: never updates it\n    hint: every state variable is updated at each step",
            "t.yaml:11:19: error: `h` is used in its own update but has no init: its value before step 1 is not defined\n    hint: add it under init: (iterate 0), e.g. init: { h: h0 }");
        yield return Case("StepsNotAWholeNumber", """
              rnn:
                steps: 2.5
                init: { h: h0 }
                update:
                  h: tanh(W @ h)
            """, "h", "t.yaml:8:12: error: steps: of recurrence `rnn` must be a whole number, not 2.5");
        yield return Case("StepsBeyondTheCeiling", """
              rnn:
                steps: 1001
                init: { h: h0 }
                update:
                  h: tanh(W @ h)
            """, "h", "t.yaml:8:12: error: steps: of recurrence `rnn` must be from 1 to 1000, not 1001");
        yield return new TestCaseData(WithRecurrence("""
              rnn:
                steps: 2 * n
                init: { h: h0 }
                update:
                  h: tanh(W @ h)
            """).Replace("given:", "given:\n  n: 1 + 1", StringComparison.Ordinal),
            new[] { "t.yaml:9:16: error: steps: of recurrence `rnn` uses `n`, which is computed: the number of steps is fixed when the spec is read" })
            .SetName("Load_Refuses_StepsFromAComputedGiven");
        yield return Case("AReferenceToALaterStep", """
              rnn:
                steps: 3
                init: { h: h0 }
                update:
                  h: tanh(W @ h[t=2])
            """, "h", "t.yaml:11:19: error: `h[t=2]` in the update of `h` refers to a later step: at steps t = 1 to 2 iterate 2 is not computed yet");
        yield return Case("AStepDefinedAfterTheRecurrence", """
              rnn:
                steps: 3
                init: { h: h0 }
                update:
                  h: tanh(W @ h + c)
              c: 2 * h0
            """, "h", "t.yaml:11:23: error: `c` is used in recurrence `rnn` before it is defined: it comes after the recurrence under compute:\n    hint: move `c` above recurrence `rnn`");
        yield return Case("AnIterateBeyondTheLast_AnotherIndex_AndNoStateVariable", """
              rnn:
                steps: 3
                init: { h: h0 }
                update:
                  h: tanh(W @ h)
            """, "h[t=4] + h[k=1] + hh[t=1] + h[t=2:9] + h[t=2:2]",
            "t.yaml:14:13: error: `h[t=4]` is beyond the last step: recurrence `rnn` runs 3 steps, so `h` has iterates 0 to 3",
            "t.yaml:14:22: error: recurrence `rnn` counts its steps with `t`, not `k`\n    hint: write h[t=1]",
            "t.yaml:14:31: error: `hh[t=1]` names an iterate, but `hh` is not a state variable of a recurrence\n    hint: did you mean `h`?",
            "t.yaml:14:41: error: `h[t=2:9]` reaches beyond the iterates: `h` has iterates 0 to 3",
            "t.yaml:14:52: error: `h[t=2:2]` holds no iterate");
        yield return Case("IterateZeroOfAValueWithoutInit", """
              rnn:
                steps: 3
                init: { h: h0 }
                update:
                  g: W @ h
                  h: tanh(g)
            """, "g[t=0]", "t.yaml:15:13: error: `g[t=0]` does not exist: `g` has iterates 1 to 3 (it has no init: it is computed at each step from step 1)");
        yield return Case("AValueWithoutInitUsedAboveItsUpdate", """
              rnn:
                steps: 3
                init: { h: h0 }
                update:
                  h: tanh(g)
                  g: W @ h
            """, "h", "t.yaml:11:15: error: `g` has no init and is updated below `h`, so it has no value in the update of `h`");
        yield return Case("AStateVariableNamedAsAGiven", """
              rnn:
                steps: 3
                init: { W: h0 }
                update:
                  W: 2 * W
            """, "W", "t.yaml:11:7: error: state variable `W` of recurrence `rnn` has the name of a given or step defined before it");
        yield return Case("AnIndexThatIsAGiven", """
              rnn:
                steps: 3
                index: W
                init: { h: h0 }
                update:
                  h: W * h
            """, "h", "t.yaml:9:12: error: the index `W` of recurrence `rnn` is also a given or step, so `W` in update: would be ambiguous");
        yield return Case("NoSteps_NoInit", """
              rnn:
                stps: 3
                update:
                  h: tanh(W @ h)
            """, "h",
            "t.yaml:8:5: error: unknown key `stps` in recurrence `rnn`\n    hint: did you mean `steps`?",
            "t.yaml:8:5: error: recurrence `rnn` needs `steps:`",
            "t.yaml:8:5: error: recurrence `rnn` needs `init:`, the iterate 0 of each state variable\n    hint: add init: { h: ... } (its value before step 1)");
        yield return new TestCaseData(WithRecurrence("""
              rnn:
                steps: 3
                init: { h: h0 }
                update:
                  h: f(W @ h)
            """).Replace("compute:", "functions:\n  f(a): tanh(a + h)\ncompute:", StringComparison.Ordinal),
            new[] { "t.yaml:7:18: error: function `f` uses `h`, of recurrence `rnn`, and is called in its update, where `h` is not computed yet" })
            .SetName("Load_Refuses_AFunctionThatNamesTheStateVariable");
        yield return Case("AnUpdateThatFailsAtOneStep", """
              rnn:
                steps: 4
                init: { h: h0 }
                update:
                  h: tanh(W @ h + xs[t - 1])
            """, "h", "t.yaml:11:23: error: xs[t - 1]: index 3 is out of range for axis 0 of shape [3, 2] (recurrence `rnn`, step t = 4)");
        yield return Case("TheBudget_Once", """
              rnn:
                steps: 1000
                init: { h: normal(0, 1, [300]) }
                update:
                  h: tanh(normal(0, 1, [300, 300]) @ h)
            """, "h", "t.yaml:11:15: error: in step `h[t=732]`: `normal(0, 1, [300, 300])` needs more than 150,000,000 element operations in one case (limits.case_work)");
    }

    [Test]
    public void AStackOfMatrixIterates_IsAValueOfRankThree()
    {
        var result = SpecLoader.Load("t.yaml", """
            id: t
            given: { W: [[1, 1], [0, 1]] }
            compute:
              powers:
                steps: 3
                init: { M: W }
                update:
                  M: M @ W
            parts:
              - { id: p, answer: "M[t=1:]" }
            """);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        var stack = ReferenceSolver.Solve(result.Problem!)[0].Shown!;
        Assert.That(stack.Shape, Is.EqualTo(new[] { 3, 2, 2 }));
        Assert.That(stack.ToArray(), Is.EqualTo(new double[] { 1, 2, 0, 1, 1, 3, 0, 1, 1, 4, 0, 1 }));
    }

    [TestCaseSource(nameof(Refused))]
    public void Load_RefusesWithPlaces(string yaml, string[] expected)
    {
        var errors = Errors(yaml);
        Assert.That(errors, Has.Count.EqualTo(expected.Length), string.Join("\n", errors));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That(errors[i], Does.StartWith(expected[i]));
        }
    }

    [Test]
    public void AMappingUnderCompute_WithoutARecurrencesKeys_IsAStepWrittenWrong()
    {
        var errors = Errors(WithRecurrence("  a: { foo: 1 }", "a"));
        Assert.That(errors, Is.EqualTo(new[] { "t.yaml:7:6: error: step `a` must be an expression, not a mapping\n    hint: write a formula such as sum((Y - yhat)^2), or a recurrence as a mapping of steps:, init: and update: (src/Grader.Problems/README.md, Recurrences)" }));
    }

    [Test]
    public void TooManyIterates_AreRefusedBeforeAnyIsMade()
    {
        var updates = string.Join("\n", Enumerable.Range(0, 21).Select(i => $"      x{i}: x{i} + 1"));
        var inits = string.Join(", ", Enumerable.Range(0, 21).Select(i => $"x{i}: 0"));
        var errors = Errors(WithRecurrence($"  r:\n    steps: 1000\n    init: {{ {inits} }}\n    update:\n{updates}", "x0"));
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.StartWith("t.yaml:8:12: error: recurrence `r` would make 21,000 iterates (1000 steps of 21 state variables); a spec may hold at most 20,000"));
    }
}
