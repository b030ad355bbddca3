using System.Diagnostics;
using Grader.Engine;

namespace Grader.Benchmarks;

/// <summary>
/// The engine's forward and backward on an MLP (784-256-10, a batch of 64, relu, cross-entropy) and on a
/// seed-sized 2-3-1 network, side by side with PyTorch float64 when /usr/bin/python3 has torch.
/// </summary>
public static class EngineBench
{
    public static void Run()
    {
        Console.WriteLine("== engine: forward + backward, float64, median of runs (PyTorch 1 thread beside it when installed)");
        var rows = new[] { (Name: "mlp 784-256-10 batch 64", In: 784, Hidden: 256, Out: 10, Batch: 64, Runs: 21), (Name: "seed 2-3-1 batch 1", In: 2, Hidden: 3, Out: 1, Batch: 1, Runs: 2001) };
        foreach (var r in rows)
        {
            var ours = Mlp(r.In, r.Hidden, r.Out, r.Batch, r.Runs);
            var torch = Torch(r.In, r.Hidden, r.Out, r.Batch, r.Runs);
            Console.WriteLine(torch is { } t
                ? $"  {r.Name,-26} engine {ours,9:0.000} ms   PyTorch {t,9:0.000} ms   engine speed = {t / ours:0.00}x PyTorch's"
                : $"  {r.Name,-26} engine {ours,9:0.000} ms   PyTorch not installed");
        }
    }

    private static double Mlp(int n, int h, int o, int batch, int runs)
    {
        var once = ForwardBackward(n, h, o, batch);
        for (var i = 0; i < Math.Min(runs, 50); i++)
        {
            once();
        }
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            once();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }

    /// <summary>One forward and backward pass of an n-h-o network (relu; cross-entropy, or the mean square for one output).</summary>
    public static Action ForwardBackward(int n, int h, int o, int batch)
    {
        var rng = new Random(1);
        Tensor Rand(params int[] shape) => new(shape, [.. Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => rng.NextDouble() - 0.5)]);
        var x = Var.Leaf(Rand(batch, n));
        var w1 = Var.Leaf(Rand(n, h));
        var b1 = Var.Leaf(Rand(h));
        var w2 = Var.Leaf(Rand(h, o));
        var b2 = Var.Leaf(Rand(o));
        var labels = Var.Leaf(new Tensor([batch], [.. Enumerable.Range(0, batch).Select(i => (double)(i % o))]));
        var once = () =>
        {
            var hidden = Ops.Relu(Ops.Add(Ops.MatMul(x, w1), b1));
            var logits = Ops.Add(Ops.MatMul(hidden, w2), b2);
            var loss = o == 1 ? Ops.Mean(Ops.Mul(logits, logits)) : Ops.Mean(Ops.CrossEntropy(logits, labels));
            Autodiff.Grad(loss, [w1, b1, w2, b2]);
        };
        return once;
    }

    private static double? Torch(int n, int h, int o, int batch, int runs)
    {
        var script = $$"""
            import time, torch
            torch.set_num_threads(1)
            g = torch.Generator().manual_seed(1)
            x = torch.rand({{batch}}, {{n}}, dtype=torch.float64, generator=g) - 0.5
            w1 = (torch.rand({{n}}, {{h}}, dtype=torch.float64, generator=g) - 0.5).requires_grad_()
            b1 = (torch.rand({{h}}, dtype=torch.float64, generator=g) - 0.5).requires_grad_()
            w2 = (torch.rand({{h}}, {{o}}, dtype=torch.float64, generator=g) - 0.5).requires_grad_()
            b2 = (torch.rand({{o}}, dtype=torch.float64, generator=g) - 0.5).requires_grad_()
            y = torch.arange({{batch}}) % {{o}}
            def once():
                logits = torch.relu(x @ w1 + b1) @ w2 + b2
                loss = (logits * logits).mean() if {{o}} == 1 else torch.nn.functional.cross_entropy(logits, y)
                torch.autograd.grad(loss, [w1, b1, w2, b2])
            for _ in range(min({{runs}}, 50)): once()
            ts = []
            for _ in range({{runs}}):
                t = time.perf_counter(); once(); ts.append((time.perf_counter() - t) * 1000)
            ts.sort(); print(ts[len(ts) // 2])
            """;
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-");
            using var p = Process.Start(start)!;
            p.StandardInput.Write(script);
            p.StandardInput.Close();
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 && double.TryParse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var ms) ? ms : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
