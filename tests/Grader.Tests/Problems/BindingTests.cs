using Grader.Problems.Feedback;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>at:, submit: and case keys bind givens or free variables of a part; anything else is an error.</summary>
public class BindingTests
{
    private static SpecLoadResult Load(string yaml) => SpecLoader.Load("spec.yaml", yaml);

    [Test]
    public void At_KeyNamingNothing_IsAnErrorWithDidYouMean()
    {
        var result = Load("""
            id: spec
            given: { x: 3 }
            parts:
              - { id: a, answer: x^2, at: { X: 2 } }
            """);
        var error = result.Errors.Single();
        Assert.That(error.Message, Does.Contain("`X` in at: names no given"));
        Assert.That(error.Hint, Does.Contain("`x`"));
    }

    [Test]
    public void At_KeyNamingAStep_IsAnError()
    {
        var result = Load("""
            id: spec
            given: { x: 3 }
            compute: { y: x^2 }
            parts:
              - { id: a, answer: y, at: { y: 2 } }
            """);
        Assert.That(result.Errors.Single().Message, Does.Contain("is a step"));
    }

    [Test]
    public void At_ValueUsingSteps_EvaluatesThePartAtTheUpdatedWeights()
    {
        // One gradient step on L = sum((w - t)^2): w' = w - eta * 2 (w - t) = [1, 2] - 0.25 * 2 * ([1, 2] - [3, 0]) = [2, 1].
        var result = Load("""
            id: spec
            given: { w: [1, 2], t: [3, 0], eta: 0.25 }
            compute: { L: sum((w - t)^2) }
            parts:
              - { id: after, answer: w, at: { w: w - eta * grad(L, w) } }
              - { id: loss-after, answer: L, at: { w: w - eta * grad(L, w) } }
            """);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        var answers = ReferenceSolver.Solve(result.Problem!);
        Assert.That(answers[0].Shown!.ToArray(), Is.EqualTo(new[] { 2.0, 1.0 }));
        Assert.That(answers[1].Shown![0], Is.EqualTo(2.0));
    }

    [Test]
    public void Submit_KeyTheConditionNeverUses_IsAnError()
    {
        var result = Load("""
            id: spec
            given: { X: [1, 2] }
            parts:
              - { id: p, submit: { w: [], v: [] }, require: "w * 2 > 1" }
            """);
        Assert.That(result.Errors.Single().Message, Does.Contain("`v` in submit:"));
    }

    private const string Formula = """
        id: formula
        functions:
          f(x, y): (2*x + 3*y)^2 + x * y
        parts:
          - id: grad-f
            implement: "double[] GradF(double x, double y)"
            answer: grad(f(x, y), [x, y])
            cases:
              - values: { x: 1, y: 2 }
              - random: { count: 5, seed: 3, x: uniform(-2, 2, []), y: uniform(-2, 2, []) }
        """;

    [Test]
    public void Implement_ParametersAreFreeVariables_CasesBindThem()
    {
        var result = Load(Formula);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        var cases = ReferenceSolver.Cases(result.Problem!, result.Problem!.Parts[0]);
        Assert.That(cases, Has.Count.EqualTo(6));
        foreach (var c in cases)
        {
            double x = c.Inputs[0].Value[0], y = c.Inputs[1].Value[0];
            var dx = 4 * (2 * x + 3 * y) + y;
            var dy = 6 * (2 * x + 3 * y) + x;
            Assert.That(c.Expected.ToArray(), Is.EqualTo(new[] { dx, dy }).Within(1e-12));
        }
        Assert.That(cases[0].Expected.ToArray(), Is.EqualTo(new[] { 34.0, 49.0 }));
    }

    [Test]
    public void Implement_FreeVariableACaseDoesNotDraw_IsAnError()
    {
        var result = Load(Formula.Replace("- values: { x: 1, y: 2 }", "- given"));
        Assert.That(result.Errors.Select(e => e.Message), Has.Exactly(1).Contains("gives no value for `x`").And.Exactly(1).Contains("gives no value for `y`"));
    }

    [Test]
    public void ElementwiseInverseOfASquareMatrix_Warns()
    {
        var result = Load("""
            id: spec
            given: { A: [[2, 1], [1, 3]] }
            parts:
              - { id: a, answer: (A)^-1 }
            """);
        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Warnings.Single().Hint, Does.Contain("inv(A)"));
    }
}
