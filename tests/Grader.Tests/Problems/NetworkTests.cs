using Grader.Problems.Feedback;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>The network block expands to the same values as the same network written with compute.</summary>
public class NetworkTests
{
    private const string Givens = """
        given:
          X: [[0.5, -1.0], [1.5, 2.0], [-0.3, 0.8]]
          W1: [[0.2, -0.4], [0.7, 0.1], [-0.5, 0.3]]
          b1: [0.1, -0.2, 0.05]
          W2: [[0.3, -0.6, 0.9], [-0.2, 0.4, 0.1]]
          b2: [0.02, -0.01]
          w2: [0.3, -0.6, 0.9]
          b0: 0.02
          T: [[1, 0], [0, 1], [1, 0]]
          y: [1, 0, 1]
          s: [1, -1, 1]
        """;

    private static double Solve(string yaml, string part)
    {
        var result = SpecLoader.Load("net.yaml", yaml);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.Empty);
        return ReferenceSolver.Solve(result.Problem!).Single(p => p.Part.Id == part).Shown![0];
    }

    // For each loss: the network's last activation, and the same loss written out with compute.
    [TestCase("squared_error", "sum", "linear", "sum((y - yh)^2)")]
    [TestCase("mse", "mean", "linear", "mean((y - yh)^2)")]
    [TestCase("half_mse", "sum", "linear", "0.5 * sum((y - yh)^2)")]
    [TestCase("l1", "mean", "linear", "mean(abs(y - yh))")]
    [TestCase("bce", "mean", "sigmoid", "-mean(y * log(yh) + (1 - y) * log(1 - yh))")]
    [TestCase("hinge", "mean", "tanh", "mean(relu(1 - s * yh))")]
    public void Loss_OneOutput_MatchesTheFormula(string loss, string reduction, string activation, string formula)
    {
        var target = loss == "hinge" ? "s" : "y";
        var act = activation == "linear" ? "a2" : $"{activation}(a2)";
        var network = $$"""
            id: net
            {{Givens}}
            network:
              input: X
              layers:
                - { name: h, units: 3, activation: relu, weights: W1, bias: b1 }
                - { name: out, units: 1, activation: {{activation}}, weights: w2, bias: b0 }
              loss: { type: {{loss}}, target: {{target}}, reduction: {{reduction}} }
            parts:
              - { id: L, answer: loss }
              - { id: G, answer: "sum(grad(loss, W1))" }
            """;
        var manual = $$"""
            id: net
            {{Givens}}
            compute:
              a2: relu(X @ transpose(W1) + b1) @ w2 + b0
              yh: {{act}}
              L: {{formula}}
            parts:
              - { id: L, answer: L }
              - { id: G, answer: "sum(grad(L, W1))" }
            """;
        Assert.That(Solve(network, "L"), Is.EqualTo(Solve(manual, "L")).Within(1e-12));
        Assert.That(Solve(network, "G"), Is.EqualTo(Solve(manual, "G")).Within(1e-12));
    }

    [TestCase("mean", "-mean(rowsum(T * log(softmax(a))))")]
    [TestCase("sum", "-sum(T * log(softmax(a)))")]
    public void CrossEntropy_AfterSoftmax_MatchesTheFormula(string reduction, string formula)
    {
        var network = $$"""
            id: net
            {{Givens}}
            network:
              input: X
              layers:
                - { name: h, units: 3, activation: tanh, weights: W1, bias: b1 }
                - { name: out, units: 2, activation: softmax, weights: W2, bias: b2 }
              loss: { type: cross_entropy, target: T, reduction: {{reduction}} }
            parts:
              - { id: L, answer: loss }
              - { id: G, answer: "sum(grad(loss, W2) * W2)" }
              - { id: P, answer: "sum(out.yhat)" }
            """;
        var manual = $$"""
            id: net
            {{Givens}}
            compute:
              a: tanh(X @ transpose(W1) + b1) @ transpose(W2) + b2
              L: {{formula}}
            parts:
              - { id: L, answer: L }
              - { id: G, answer: "sum(grad(L, W2) * W2)" }
            """;
        Assert.That(Solve(network, "L"), Is.EqualTo(Solve(manual, "L")).Within(1e-12));
        Assert.That(Solve(network, "G"), Is.EqualTo(Solve(manual, "G")).Within(1e-12));
        Assert.That(Solve(network, "P"), Is.EqualTo(3).Within(1e-12), "softmax rows sum to one");
    }

    [Test]
    public void InlineWeights_BecomeGivensNamedAfterTheLayer()
    {
        var yaml = """
            id: net
            given: { x: [1, 2] }
            network:
              input: x
              layers:
                - { name: hidden, units: 2, activation: sigmoid, weights: [[1, 0], [0, 1]], bias: [0, 0] }
            parts:
              - { id: g, answer: "sum(grad(sum(hidden.z), hidden.W))" }
            """;
        Assert.That(Solve(yaml, "g"), Is.GreaterThan(0));
    }
}
