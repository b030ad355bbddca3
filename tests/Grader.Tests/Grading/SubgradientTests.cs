using Grader.Grading;
using Grader.Problems.Feedback;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;
using Grader.Protocol;

namespace Grader.Tests.Grading;

/// <summary><c>subgradient: any</c> accepts, element by element, any value between the left and right derivative at a kink.</summary>
public class SubgradientTests
{
    // The margin y w.x is exactly 1: the hinge relu(1 - margin) is at its kink, where d/dw lies between 0 and -y x = [-1, -2].
    private const string Hinge = """
        id: hinge
        given: { w: [1, 0], x: [1, 2], y: 1, a: [0, 2], b: [0, 1] }
        compute:
          J: relu(1 - y * dot(w, x))
        parts:
          - { id: g, answer: grad(J, w), subgradient: any }
          - { id: strict, answer: grad(J, w) }
          - { id: abs, answer: grad(sum(abs(a)), a), subgradient: any }
          - { id: max, answer: grad(sum(max(a, b)), b), subgradient: any }
        """;

    private static Dictionary<string, PartSolution> Solve()
    {
        var result = SpecLoader.Load("hinge.yaml", Hinge);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        return ReferenceSolver.Solve(result.Problem!).ToDictionary(s => s.Part.Id);
    }

    private static bool Accepts(PartSolution s, params double[] got) =>
        AnswerComparer.Compare(s.Expected!, new ValueDto([got.Length], got), s.Tolerance, reveal: true, s.Bounds).Passed;

    [TestCase(new[] { 0.0, 0.0 }, true, TestName = "AnySubgradient_PyTorchsChoice_Passes")]
    [TestCase(new[] { -1.0, -2.0 }, true, TestName = "AnySubgradient_RightDerivative_Passes")]
    [TestCase(new[] { -0.5, -1.0 }, true, TestName = "AnySubgradient_InBetween_Passes")]
    [TestCase(new[] { 1.0, 1.0 }, false, TestName = "AnySubgradient_OutsideTheInterval_Fails")]
    public void Hinge_AtTheKink(double[] got, bool passes) => Assert.That(Accepts(Solve()["g"], got), Is.EqualTo(passes));

    [Test]
    public void Strict_AtTheKink_AcceptsOnlyPyTorchsChoice()
    {
        var s = Solve()["strict"];
        Assert.That(s.Bounds, Is.Null);
        Assert.That(Accepts(s, -1, -2), Is.False);
        Assert.That(Accepts(s, 0, 0), Is.True);
    }

    [Test]
    public void Abs_AtZero_AcceptsMinusOneToOne()
    {
        var s = Solve()["abs"];
        Assert.That(Accepts(s, -1, 1), Is.True);
        Assert.That(Accepts(s, 0.3, 1), Is.True);
        Assert.That(Accepts(s, 0, -1), Is.False);
    }

    [Test]
    public void ElementwiseMax_AtATie_AcceptsZeroToOne()
    {
        // max(a, b) with a = [0, 2], b = [0, 1]: element 0 is a tie (d/db in [0, 1]), element 1 is not (d/db = 0).
        var s = Solve()["max"];
        Assert.That(Accepts(s, 1, 0), Is.True);
        Assert.That(Accepts(s, 0, 0), Is.True);
        Assert.That(Accepts(s, 0.5, 1), Is.False);
    }

    [Test]
    public void Subgradient_UnknownValue_IsAnError()
    {
        var result = SpecLoader.Load("hinge.yaml", Hinge.Replace("subgradient: any }\n  - { id: strict", "subgradient: all }\n  - { id: strict"));
        Assert.That(result.Errors.Single().Message, Does.Contain("subgradient is `any` or `pytorch`, not `all`"));
    }

    [TestCase(-2.0, true)]
    [TestCase(1.0, true)]
    [TestCase(-0.7, true)]
    [TestCase(1.5, false)]
    [TestCase(-2.5, false)]
    public void ChainedKinks_TheFunctionsOwnOneSidedDerivatives_BoundTheAnswer(double got, bool passes)
    {
        // h(w) = relu(1 - w) + |w - 1| has slopes -2 left of w = 1 and 1 right of it: its subdifferential there is [-2, 1].
        var result = SpecLoader.Load("h.yaml", """
            id: h
            functions: { h(w): relu(1 - w) + abs(w - 1) }
            parts:
              - { id: g, answer: grad(h(w), w), at: { w: 1 }, subgradient: any }
            """);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        var s = ReferenceSolver.Solve(result.Problem!)[0];
        Assert.That(Accepts(s, got), Is.EqualTo(passes));
    }
}
