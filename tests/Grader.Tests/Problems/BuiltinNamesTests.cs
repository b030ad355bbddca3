using System.Text;
using Grader.Problems.Expressions;
using Grader.Problems.Feedback;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>
/// A spec that was valid stays valid when a built-in is added: a name in value position is the spec's own (a given, a
/// step, a submitted value, a function's parameter), a call is a function (the spec's own first, then the built-in),
/// and a call the grader writes (a network's layers and loss) is always the built-in. The names are taken from
/// <see cref="Builtins.All"/> (names and parameters) when the tests run, so every future built-in, and every
/// named argument, is in these specs the day it is added.
/// </summary>
public class BuiltinNamesTests
{
    /// <summary>Every name a built-in has, and every name of a built-in's named arguments (axis, stride, ...).</summary>
    public static List<string> EveryBuiltInName() =>
        Builtins.All.Keys.Concat(Builtins.All.Values.SelectMany(b => b.Keywords)).Concat(Grader.Problems.Expressions.Evaluator.Constants.Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    [Test]
    public void TheNames_AreTakenFromTheBuiltInsAtTestTime()
    {
        var names = EveryBuiltInName();
        Assert.That(names, Is.SupersetOf(Builtins.All.Keys));
        Assert.That(names, Does.Contain("axis").And.Contain("bce").And.Contain("grad"));
    }

    [Test]
    public void AStepNamedBce_BesideTheBuiltInBce_Validates_AndEachMeansItsOwn()
    {
        const string spec = """
            id: bce-step
            given:
              p: 0.8
              t: 1
            compute:
              bce: -(t * log(p) + (1 - t) * log(1 - p))
              twice: 2 * bce
            parts:
              - id: a
                answer: twice - 2 * bce(p, t)
                points: 1
              - id: b
                answer: bce
                points: 1
            """;
        var loaded = SpecLoader.Load("bce-step.yaml", spec);
        Assert.That(loaded.Errors, Is.Empty, string.Join("\n", loaded.Errors));
        var answers = ReferenceSolver.Solve(loaded.Problem!).ToDictionary(s => s.Part.Id, s => s.Expected![0]);
        Assert.That(answers["a"], Is.EqualTo(0).Within(1e-12));
        Assert.That(answers["b"], Is.EqualTo(-Math.Log(0.8)).Within(1e-12));
    }

    /// <summary>A step named after every built-in, each used as a value, beside calls of the built-ins of those names.</summary>
    [Test]
    public void AStepNamedAfterEveryBuiltIn_Validates_AndKeepsItsValue()
    {
        var names = EveryBuiltInName();
        var yaml = new StringBuilder("id: every-builtin-step\ngiven:\n  x: [0.5, -1, 2]\ncompute:\n");
        foreach (var name in names)
        {
            yaml.Append($"  {name}: x * 2\n");
        }
        yaml.Append("parts:\n");
        foreach (var name in names)
        {
            yaml.Append($"  - id: step-{name}\n    answer: {name}\n");
        }
        // The step `sum` (its sum is 3), the built-in max of the step `relu` (4), the built-in exp of the step `exp` at 0.
        yaml.Append("  - id: calls\n    answer: sum(sum) + max(relu) + exp(exp)[1] - exp(-2)\n");
        var loaded = SpecLoader.Load("every-builtin-step.yaml", yaml.ToString());
        Assert.That(loaded.Errors, Is.Empty, string.Join("\n", loaded.Errors.Take(10)));
        var answers = ReferenceSolver.Solve(loaded.Problem!).ToDictionary(s => s.Part.Id, s => s.Expected!.ToArray());
        foreach (var name in names)
        {
            Assert.That(answers[$"step-{name}"], Is.EqualTo(new[] { 1.0, -2, 4 }), name);
        }
        Assert.That(answers["calls"][0], Is.EqualTo(7).Within(1e-12));
    }

    /// <summary>
    /// A given named after every built-in, each used as a value, as an implement part's parameter's value, as a
    /// submitted value of a property part, and as a parameter of a function of the spec.
    /// </summary>
    [Test]
    public void AGivenNamedAfterEveryBuiltIn_Validates_AndKeepsItsValue()
    {
        var names = EveryBuiltInName();
        var yaml = new StringBuilder("id: every-builtin-given\ngiven:\n");
        for (var i = 0; i < names.Count; i++)
        {
            yaml.Append($"  {names[i]}: [{i}, 1]\n");
        }
        yaml.Append("functions:\n  both(sum, max): sum(sum) + max(max)\nparts:\n");
        foreach (var name in names)
        {
            yaml.Append($"  - id: given-{name}\n    answer: {name}\n");
        }
        var sum = names.IndexOf("sum");
        var max = names.IndexOf("max");
        yaml.Append($"  - id: calls\n    answer: both(sum, max) + mean(mean)\n");
        yaml.Append($"  - id: submitted\n    submit: {{ {string.Join(", ", names.Select(n => $"{n}: [2]"))} }}\n    require: sum(sum) + sum(max) >= 0\n");
        yaml.Append($"  - id: method\n    implement: \"double Total(double[] x)\"\n    answer: sum(x) + sum(sum)\n    cases:\n      - values: {{ x: [1, 2] }}\n");
        var loaded = SpecLoader.Load("every-builtin-given.yaml", yaml.ToString());
        Assert.That(loaded.Errors, Is.Empty, string.Join("\n", loaded.Errors.Take(10)));
        var solved = ReferenceSolver.Solve(loaded.Problem!).ToDictionary(s => s.Part.Id);
        for (var i = 0; i < names.Count; i++)
        {
            Assert.That(solved[$"given-{names[i]}"].Expected!.ToArray(), Is.EqualTo(new[] { i, 1.0 }), names[i]);
        }
        var mean = names.IndexOf("mean");
        Assert.That(solved["calls"].Expected![0], Is.EqualTo(sum + 1 + Math.Max(max, 1) + (mean + 1) / 2.0));
        Assert.That(solved["method"].Cases[0].Expected[0], Is.EqualTo(3 + sum + 1));
        Assert.That(ReferenceSolver.CheckProperty(loaded.Problem!, solved["submitted"].Part,
            names.ToDictionary(n => n, _ => Grader.Engine.Tensor.Vector(-5, 1))).Holds, Is.False, "the submitted values, not the givens");
    }

    /// <summary>A function named after every built-in: each call in the spec is the spec's function (its own meaning wins).</summary>
    [Test]
    public void AFunctionNamedAfterEveryBuiltIn_Validates_AndTheSpecsOwnFunctionIsCalled()
    {
        var names = EveryBuiltInName();
        var yaml = new StringBuilder("id: every-builtin-function\ngiven:\n  x: 1\nfunctions:\n");
        for (var i = 0; i < names.Count; i++)
        {
            yaml.Append($"  {names[i]}(z): z + {i}\n");
        }
        yaml.Append("parts:\n");
        foreach (var name in names)
        {
            yaml.Append($"  - id: function-{name}\n    answer: {name}(x)\n");
        }
        var loaded = SpecLoader.Load("every-builtin-function.yaml", yaml.ToString());
        Assert.That(loaded.Errors, Is.Empty, string.Join("\n", loaded.Errors.Take(10)));
        var solved = ReferenceSolver.Solve(loaded.Problem!).ToDictionary(s => s.Part.Id, s => s.Expected![0]);
        for (var i = 0; i < names.Count; i++)
        {
            Assert.That(solved[$"function-{names[i]}"], Is.EqualTo(1.0 + i), names[i]);
        }
    }

    /// <summary>
    /// A network block is sugar the grader writes (dense, the activation, the loss and its mean): a spec's own functions
    /// of those names do not change what it computes.
    /// </summary>
    [Test]
    public void ANetworkBlock_BesideFunctionsNamedLikeItsBuiltIns_ComputesWithTheBuiltIns()
    {
        const string network = """
            given:
              X: [[1, 2], [0.5, -1], [2, 0]]
              Y: [1, 0, 1]
              W: [[0.1, -0.2], [0.3, 0.4]]
              b: [0.01, -0.02]
              w: [0.5, -0.5]
              c: 0.1
            network:
              input: X
              layers:
                - { name: hidden, units: 2, activation: tanh, weights: W, bias: b }
                - { name: out, units: 1, activation: sigmoid, weights: w, bias: c }
              loss: { type: bce, target: Y }
            parts:
              - id: loss
                answer: loss
              - id: grad
                answer: grad(loss, W)
            """;
        const string functions = """
            functions:
              dense(x, W, b): 0 * x
              tanh(z): z * 0
              sigmoid(z): z * 0 + 0.5
              bce_with_logits(z, t): z * 0 + 7
              mean(z): 42
            """;
        var plain = SpecLoader.Load("net.yaml", "id: net\n" + network);
        var shadowed = SpecLoader.Load("net.yaml", "id: net\n" + functions + "\n" + network);
        Assert.That(plain.Errors.Concat(shadowed.Errors), Is.Empty, string.Join("\n", plain.Errors.Concat(shadowed.Errors)));
        var expected = ReferenceSolver.Solve(plain.Problem!).Select(s => s.Expected!.ToArray()).ToList();
        var got = ReferenceSolver.Solve(shadowed.Problem!).Select(s => s.Expected!.ToArray()).ToList();
        Assert.That(got, Is.EqualTo(expected));
        Assert.That(expected[0][0], Is.Not.EqualTo(42).And.Not.EqualTo(7));
    }
}
