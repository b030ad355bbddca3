using Grader.Problems.Feedback;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>
/// Network losses as PyTorch defines them. The expected numbers come from torch.nn.functional in float64
/// (the inputs and calls are in each test's comment).
/// </summary>
public class NetworkLossTests
{
    // X, W1, b1 as in NetworkTests; a 3-class output layer.
    private const string Net = """
        given:
          X: [[0.5, -1.0], [1.5, 2.0], [-0.3, 0.8]]
          W1: [[0.2, -0.4], [0.7, 0.1], [-0.5, 0.3]]
          b1: [0.1, -0.2, 0.05]
          W2: [[0.3, -0.6, 0.9], [-0.2, 0.4, 0.1], [0.5, 0.5, -0.5]]
          b2: [0.02, -0.01, 0]
          labels: [2, 0, 1]
          P: [[0.2, 0.3, 0.5], [1, 0, 0], [0, 0.5, 0.5]]
        network:
          input: X
          layers:
            - { name: h, units: 3, activation: relu, weights: W1, bias: b1 }
            - { name: out, units: 3, activation: ACT, weights: W2, bias: b2 }
          loss: LOSS
        """;

    private static Dictionary<string, double> Solve(string yaml)
    {
        var result = SpecLoader.Load("net.yaml", yaml);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        return ReferenceSolver.Solve(result.Problem!).ToDictionary(p => p.Part.Id, p => p.Shown![0]);
    }

    private static string Spec(string activation, string loss, string parts) =>
        "id: net\n" + Net.Replace("ACT", activation).Replace("LOSS", loss) + "parts:\n" + parts;

    // F.cross_entropy(z, torch.tensor([2, 0, 1])) = 1.3409557448898486; reduction='sum' 4.022867234669546
    [TestCase("softmax", "mean", 1.3409557448898486)]
    [TestCase("linear", "mean", 1.3409557448898486)]
    [TestCase("softmax", "sum", 4.022867234669546)]
    public void CrossEntropy_ClassIndices_MatchesPyTorch(string activation, string reduction, double expected)
    {
        var answers = Solve(Spec(activation, $"{{ type: cross_entropy, target: labels, reduction: {reduction} }}\n", "  - { id: L, answer: loss }\n"));
        Assert.That(answers["L"], Is.EqualTo(expected).Within(1e-14));
    }

    // The target is named P, the letter the old text substitution replaced: F.cross_entropy(z, P) = 1.4371224115565149
    [Test]
    public void CrossEntropy_ProbabilityTargetNamedP_MatchesPyTorch()
    {
        var answers = Solve(Spec("linear", "{ type: cross_entropy, target: P }\n", "  - { id: L, answer: loss }\n"));
        Assert.That(answers["L"], Is.EqualTo(1.4371224115565149).Within(1e-14));
    }

    [Test]
    public void CrossEntropy_GradientOfLogits_IsSoftmaxMinusOneHotOverN()
    {
        var answers = Solve(Spec("softmax", "{ type: cross_entropy, target: labels }\n",
            "  - { id: G, answer: 'sum(abs(grad(loss, out.a) - (softmax(out.a) - one_hot(labels, 3)) / 3))' }\n"));
        Assert.That(answers["G"], Is.LessThan(1e-15));
    }

    [TestCase("[2, 0]", "fits neither")]
    [TestCase("[2, 0, 3]", "not a whole number in 0..2")]
    [TestCase("[2, 0, 0.5]", "not a whole number in 0..2")]
    public void CrossEntropy_BadTarget_IsASpecErrorAtTheTarget(string target, string message)
    {
        var yaml = Spec("softmax", "{ type: cross_entropy, target: bad }\n", "  - { id: L, answer: loss }\n")
            .Replace("  labels: [2, 0, 1]", $"  labels: [2, 0, 1]\n  bad: {target}");
        var result = SpecLoader.Load("net.yaml", yaml);
        Assert.That(result.Problem, Is.Null);
        var error = result.Errors.Single();
        Assert.That(error.Message, Does.Contain(message));
        var line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("loss: {")) + 1;
        Assert.That(error.Location.Line, Is.EqualTo(line));
        Assert.That(error.Location.Column, Is.EqualTo(yaml.Split('\n')[line - 1].IndexOf("bad }", StringComparison.Ordinal) + 1));
    }

    // F.binary_cross_entropy_with_logits(torch.tensor(40.), torch.tensor(0.)) = 40.0, gradient 1.0
    [Test]
    public void Bce_AfterSigmoidAtALogitOf40_IsFinite()
    {
        var yaml = """
            id: net
            given: { x: 1, w: 40, y: 0 }
            network:
              input: x
              layers: [ { name: out, units: 1, activation: sigmoid, weights: [[40]], bias: [0] } ]
              loss: { type: bce, target: y }
            parts:
              - { id: L, answer: loss }
              - { id: G, answer: grad(loss, out.W) }
            """;
        var answers = Solve(yaml);
        Assert.That(answers["L"], Is.EqualTo(40.0).Within(1e-12));
        Assert.That(answers["G"], Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void Loss_AsAList_DefinesOneStepPerName()
    {
        var answers = Solve(Spec("linear", "\n    - { name: ce, type: cross_entropy, target: labels }\n    - { name: sq, type: mse, target: P }\n",
            "  - { id: ce, answer: ce }\n  - { id: sq, answer: sq }\n  - { id: manual, answer: 'mean((P - out.yhat)^2)' }\n"));
        Assert.That(answers["ce"], Is.EqualTo(1.3409557448898486).Within(1e-14));
        Assert.That(answers["sq"], Is.EqualTo(answers["manual"]));
    }

    [Test]
    public void Loss_ListWithoutNames_IsAnError()
    {
        var result = SpecLoader.Load("net.yaml", Spec("linear", "\n    - { type: cross_entropy, target: labels }\n    - { type: mse, target: P }\n", "  - { id: L, answer: loss }\n"));
        Assert.That(result.Errors.Select(e => e.Message), Has.Some.Contains("needs `name`"));
    }
}
