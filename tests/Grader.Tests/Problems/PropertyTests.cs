using Grader.Engine;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>Property parts evaluate their conditions through the steps, computed from the student's values.</summary>
public class PropertyTests
{
    private const string Xor = """
        id: xor
        given:
          X: [[0, 0], [0, 1], [1, 0], [1, 1]]
          Y: [0, 1, 1, 0]
          W1: [[0, 0], [0, 0]]
          b1: [0, 0]
          w2: [0, 0]
          b2: 0
        network:
          input: X
          layers:
            - { name: h, units: 2, activation: relu, weights: W1, bias: b1 }
            - { name: out, units: 1, activation: linear, weights: w2, bias: b2 }
          loss: { type: mse, target: Y }
        parts:
          - id: fit
            submit: { W1: [2, 2], b1: [2], w2: [2], b2: [] }
            require:
              - max(abs(out.yhat - Y)) <= 0.01
              - loss < 1e-6
        """;

    private static Problem Load(string yaml)
    {
        var result = SpecLoader.Load("xor.yaml", yaml);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        return result.Problem!;
    }

    private static Dictionary<string, Tensor> XorWeights(double b2 = 0) => new()
    {
        ["W1"] = Tensor.Matrix(new double[,] { { 1, 1 }, { 1, 1 } }),
        ["b1"] = Tensor.Vector(0, -1),
        ["w2"] = Tensor.Vector(1, -2),
        ["b2"] = Tensor.Scalar(b2),
    };

    [Test]
    public void CheckProperty_CorrectXorWeights_HoldThroughTheNetwork()
    {
        var p = Load(Xor);
        var result = ReferenceSolver.CheckProperty(p, p.Parts[0], XorWeights());
        Assert.That(result.Holds, Is.True, string.Join("\n", result.Details));
    }

    [Test]
    public void CheckProperty_WrongBias_Fails()
    {
        var p = Load(Xor);
        Assert.That(ReferenceSolver.CheckProperty(p, p.Parts[0], XorWeights(b2: 0.5)).Holds, Is.False);
    }

    [Test]
    public void CheckProperty_NaNValue_FailsAndNamesIt()
    {
        var p = Load(Xor);
        var result = ReferenceSolver.CheckProperty(p, p.Parts[0], XorWeights(b2: double.NaN));
        Assert.That(result.Holds, Is.False);
        Assert.That(result.Details[0], Does.Contain("`max(abs(out.yhat - Y))` is not finite: NaN"));
    }

    [Test]
    public void CheckProperty_NotEqualToNaN_DoesNotHold()
    {
        var p = Load(Xor.Replace("- loss < 1e-6", "- loss != 5"));
        var result = ReferenceSolver.CheckProperty(p, p.Parts[0], XorWeights(b2: double.PositiveInfinity));
        Assert.That(result.Holds, Is.False);
        Assert.That(result.Details[1], Does.Contain("not finite"));
    }
}
