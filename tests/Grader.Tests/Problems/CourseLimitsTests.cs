using System.Text;
using System.Text.Json;
using Grader.Engine;
using Grader.Problems;
using Grader.Problems.Expressions;
using Grader.Problems.Solving;
using Grader.Problems.Yaml;
using Grader.Protocol;

namespace Grader.Tests.Problems;

/// <summary>
/// The default limits admit an ordinary homework (an MLP on MNIST's sizes, a convolution layer, an LSTM), a spec may
/// raise them up to their ceilings, and whatever validates can be carried to a submission in one grading run.
/// </summary>
public class CourseLimitsTests
{
    private const string Folder = "tests/Grader.Tests/Fixtures/limits";

    [Test]
    public void AnMlp784x256x10_OnABatchOf64_WithEveryGradientAsAMethodWithAHiddenCase_ValidatesUnderTheDefaults()
    {
        var loaded = SpecLoader.LoadFile(Repo.Path(Folder, "mlp-batch64.yaml"));
        Assert.That(loaded.Errors, Is.Empty, string.Join("\n", loaded.Errors));
        Assert.That(loaded.Problem!.Limits, Is.EqualTo(EvalLimits.Default), "no limits: block");
        var solved = ReferenceSolver.Solve(loaded.Problem!).ToDictionary(s => s.Part.Id);
        Assert.That(solved["grad-W1"].Expected!.Shape, Is.EqualTo(new[] { 256, 784 }));
        Assert.That(solved["grad-W1-impl"].Cases.Select(c => c.Hidden), Is.EqualTo(new[] { false, true }));
    }

    /// <summary>An LSTM layer unrolled over 20 steps (hidden 128, inputs 128, batch 32): its output, loss and two weight gradients, and one as a method with a hidden case.</summary>
    [Test]
    public void AnLstmOver20Steps_Hidden128_Batch32_ValidatesUnderTheDefaults()
    {
        var loaded = SpecLoader.Load("lstm.yaml", Lstm(steps: 20, batch: 32, hidden: 128, inputs: 128));
        Assert.That(loaded.Errors, Is.Empty, string.Join("\n", loaded.Errors));
    }

    /// <summary>
    /// conv2d is another branch's; its cost is charged as N*F*C*kh*kw*Hout*Wout multiply-adds (out as large as in), twice
    /// that backward. For 8x3x32x32 with 16 filters 3x3 that is 3,538,944: a product of the same multiply-adds (the
    /// layer as im2col, [8*32*32, 27] @ [27, 16]) and its gradient validate far under the defaults.
    /// </summary>
    [Test]
    public void AConvLayer_8x3x32x32_16Filters3x3_IsChargedItsMultiplyAdds_AndFitsTheDefaults()
    {
        // Rank-4 tensors come with the other branch too: the rule is checked on the shapes.
        var work = CostCheck.ConvWork("conv2d", [8, 3, 32, 32], [16, 3, 3, 3]);
        Assert.That(work, Is.EqualTo(8L * 16 * 3 * 3 * 3 * 32 * 32));
        Assert.That(CostCheck.ConvWork("conv2d", [3, 32, 32], [16, 3, 3, 3]), Is.EqualTo(work / 8), "unbatched");
        Assert.That(CostCheck.ConvWork("conv1d", [4, 100], [4, 5]), Is.EqualTo(100 * 4 * 5), "today's conv1d: one filter over the channels");
        Assert.That(3 * CostCheck.Products(work), Is.LessThan(EvalLimits.Default.CaseWork / 50), "forward and backward, many times over");

        const string spec = """
            id: conv-as-product
            seed: 1
            given:
              cols: normal(0, 1, [8192, 27])
              W: normal(0, 0.1, [27, 16])
              b: normal(0, 0.1, [16])
            compute:
              Y: relu(cols @ W + b)
              L: mean(Y^2)
            parts:
              - id: out
                answer: Y
              - id: grad-W
                implement: "double[,] GradW(double[,] cols, double[,] W, double[] b)"
                answer: grad(L, W)
                cases:
                  - given
                  - random: { count: 2, seed: 3, hidden: true, cols: normal(0, 1, [8192, 27]) }
            """;
        var loaded = SpecLoader.Load("conv-as-product.yaml", spec);
        Assert.That(loaded.Errors, Is.Empty, string.Join("\n", loaded.Errors));
    }

    [Test]
    public void ALimitsBlock_RaisesALimit_UpToItsCeiling()
    {
        const string spec = """
            id: wide
            seed: 1
            {0}
            given:
              a: normal(0, 1, [2000])
              b: normal(0, 1, [2000, 1])
            parts:
              - id: p
                answer: sum(a - b)
            """;
        var refused = SpecLoader.Load("wide.yaml", spec.Replace("{0}", ""));
        Assert.That(refused.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "wide.yaml:9:17: error: `a - b` would make a result of 4,000,000 elements; a value may hold at most 1,000,000 (limits.elements)\n"
            + "    hint: raise it up to 4,000,000 with limits: { elements: 4000000 } at the top of the spec, or use smaller shapes or fewer cases",
        }));
        var raised = SpecLoader.Load("wide.yaml", spec.Replace("{0}", "limits: { elements: 4000000 }"));
        Assert.That(raised.Errors, Is.Empty, string.Join("\n", raised.Errors));
        Assert.That(raised.Problem!.Limits, Is.EqualTo(EvalLimits.Default with { Elements = 4_000_000 }));
    }

    [Test]
    public void ALimitsBlock_CanLowerALimit_AndItsErrorNamesTheSetting()
    {
        const string spec = """
            id: small
            seed: 1
            limits: { case_work: 10000 }
            given:
              A: normal(0, 1, [40, 40])
            compute:
              B: A @ A
            parts:
              - id: p
                answer: sum(B)
            """;
        Assert.That(SpecLoader.Load("small.yaml", spec).Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "small.yaml:7:6: error: in step `B`: `A @ A` needs more than 10,000 element operations in one case (limits.case_work)\n"
            + "    hint: raise it up to 300,000,000 with limits: { case_work: 40000 } at the top of the spec, or use smaller shapes or fewer cases",
        }));
    }

    [TestCase("case_work: 300000001", "3:22: error: `case_work` in limits must be a number from 1 to 300000000, not 300000001")]
    [TestCase("total_work: 1e10", "3:23: error: `total_work` in limits must be a number from 1 to 1200000000, not 1e10")]
    [TestCase("elements: 0", "3:21: error: `elements` in limits must be a number from 1 to 4000000, not 0")]
    [TestCase("elements: 2.5e6", "")]
    [TestCase("case_wrok: 5", "3:11: error: unknown key `case_wrok` in limits")]
    public void ALimitsBlock_PastItsCeilings_OrMisspelt_IsRefused(string setting, string error)
    {
        var spec = $"id: l\ngiven: {{ x: 1 }}\nlimits: {{ {setting} }}\nparts:\n  - id: p\n    answer: x\n";
        var loaded = SpecLoader.Load("l.yaml", spec);
        Assert.That(loaded.Errors.Select(e => e.Format("error").Split('\n')[0]), Is.EqualTo(error == "" ? Array.Empty<string>() : [$"l.yaml:{error}"]));
        if (setting.StartsWith("case_wrok", StringComparison.Ordinal))
        {
            Assert.That(loaded.Errors[0].Hint, Is.EqualTo("did you mean `case_work`?"));
        }
    }

    /// <summary>
    /// What validates can be graded: a run's request (every case's inputs) and reply (every answer) are JSON frames of at
    /// most 64 MiB. <see cref="ReferenceSolver.MaxRunNumbers"/> numbers of the longest text a double has fit, with room
    /// for the source and the calls' other fields.
    /// </summary>
    [Test]
    public void TheNumbersOneRunMayCarry_FitOneFrame_EachWay()
    {
        const int calls = 1000;
        var perCall = ReferenceSolver.MaxRunNumbers / calls;
        var worst = Enumerable.Repeat(-1.2345678901234567e-300, perCall).ToArray();
        var request = new RunRequest(new string('x', 200_000), "f.csx",
            Enumerable.Range(0, calls).Select(i => new CallRequest($"part-{i}", i, "Method", ["double[]"], "double[]", [new ValueDto([perCall], worst)])).ToArray(),
            2000, 4000);
        Assert.That(JsonSerializer.SerializeToUtf8Bytes(request, RunJson.Default.RunRequest).Length, Is.LessThan(Framing.MaxMessage));
        Assert.That(Framing.MaxReply, Is.GreaterThanOrEqualTo(Framing.MaxMessage), "the reply carries as many numbers back");
    }

    /// <summary>An LSTM over <paramref name="steps"/> steps written out step by step (a recurrence of the other branch writes it once).</summary>
    private static string Lstm(int steps, int batch, int hidden, int inputs)
    {
        var h4 = 4 * hidden;
        var s = new StringBuilder($"""
            id: lstm
            seed: 3
            given:
              X: normal(0, 1, [{steps * batch}, {inputs}])
              Wih: normal(0, 0.1, [{h4}, {inputs}])
              Whh: normal(0, 0.1, [{h4}, {hidden}])
              b: normal(0, 0.1, [{h4}])
              h0: normal(0, 0.1, [{batch}, {hidden}])
              c0: normal(0, 0.1, [{batch}, {hidden}])
              Y: normal(0, 1, [{batch}, {hidden}])
            compute:

            """);
        for (var t = 1; t <= steps; t++)
        {
            // Gates in PyTorch's order: input, forget, cell, output.
            s.Append($"  G{t}: X[{(t - 1) * batch}:{t * batch}] @ transpose(Wih) + h{t - 1} @ transpose(Whh) + b\n");
            s.Append($"  c{t}: sigmoid(G{t}[:, {hidden}:{2 * hidden}]) * c{t - 1} + sigmoid(G{t}[:, 0:{hidden}]) * tanh(G{t}[:, {2 * hidden}:{3 * hidden}])\n");
            s.Append($"  h{t}: sigmoid(G{t}[:, {3 * hidden}:{h4}]) * tanh(c{t})\n");
        }
        s.Append($"""
              L: mean((h{steps} - Y)^2)
            parts:
              - id: output
                answer: h{steps}
              - id: loss
                answer: L
              - id: grad-Whh
                answer: grad(L, Whh)
              - id: grad-Wih
                answer: grad(L, Wih)
              - id: grad-Whh-impl
                implement: "double[,] GradWhh(double[,] X, double[,] Wih, double[,] Whh, double[] b, double[,] h0, double[,] c0, double[,] Y)"
                answer: grad(L, Whh)
                cases:
                  - given
                  - random: {"{"} count: 1, seed: 9, hidden: true, X: normal(0, 1, [{steps * batch}, {inputs}]), Whh: normal(0, 0.1, [{h4}, {hidden}]) {"}"}

            """);
        return s.ToString();
    }
}
