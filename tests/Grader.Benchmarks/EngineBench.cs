using System.Diagnostics;
using Grader.Engine;

namespace Grader.Benchmarks;

/// <summary>
/// The engine's forward and backward on an MLP (784-256-10, a batch of 64, relu, cross-entropy) and on a
/// seed-sized 2-3-1 network, side by side with PyTorch float64 when /usr/bin/python3 has torch.
/// </summary>
public static class EngineBench
{
    /// <summary>Rounds per row, alternating the engine and PyTorch, so that both meet the same state of a noisy machine.</summary>
    private const int Rounds = 7;

    public static void Run()
    {
        Console.WriteLine($"== engine: forward + backward, float64, median of runs; {Rounds} rounds alternating with PyTorch (1 thread) when installed");
        var rows = new[] { (Name: "mlp 784-256-10 batch 64", In: 784, Hidden: 256, Out: 10, Batch: 64, Runs: 21), (Name: "seed 2-3-1 batch 1", In: 2, Hidden: 3, Out: 1, Batch: 1, Runs: 10001) };
        foreach (var r in rows)
        {
            using var torch = TorchSide.Start(r.In, r.Hidden, r.Out, r.Batch, r.Runs);
            var ours = new List<double>();
            var theirs = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                ours.Add(EngineMedian(r.In, r.Hidden, r.Out, r.Batch, r.Runs));
                if (torch?.Round() is { } t)
                {
                    theirs.Add(t);
                }
            }
            var engine = Median(ours);
            if (theirs.Count != ours.Count)
            {
                Console.WriteLine($"  {r.Name,-26} engine {engine,9:0.000} ms   PyTorch not installed");
                continue;
            }
            // The ratio of each round, each pair measured back to back; their median and their range.
            var ratios = ours.Zip(theirs, (e, t) => t / e).ToList();
            Console.WriteLine($"  {r.Name,-26} engine {engine,9:0.000} ms   PyTorch {Median(theirs),9:0.000} ms   engine speed = {Median(ratios):0.00}x PyTorch's (rounds {ratios.Min():0.00} to {ratios.Max():0.00})");
        }
    }

    /// <summary>The median wall time, in ms, of <paramref name="runs"/> forward and backward passes, after a warm-up.</summary>
    private static double EngineMedian(int n, int h, int o, int batch, int runs)
    {
        var once = ForwardBackward(n, h, o, batch);
        // As many warm-up passes as timed ones: the runtime's tiered JIT has then compiled the hot path fully.
        for (var i = 0; i < runs; i++)
        {
            once();
        }
        var times = new List<double>(runs);
        var clock = new Stopwatch();
        for (var i = 0; i < runs; i++)
        {
            clock.Restart();
            once();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median(times);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

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

    /// <summary>One PyTorch process per row, warm after its first round; each line on its input asks for a round.</summary>
    private sealed class TorchSide : IDisposable
    {
        private readonly Process _python;

        private TorchSide(Process python) => _python = python;

        public static TorchSide? Start(int n, int h, int o, int batch, int runs)
        {
            var script = $$"""
                import sys, time, torch
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
                for line in sys.stdin:
                    ts = []
                    for _ in range({{runs}}):
                        t = time.perf_counter(); once(); ts.append((time.perf_counter() - t) * 1000)
                    ts.sort(); print(ts[len(ts) // 2], flush=True)
                """;
            var file = Path.Combine(Path.GetTempPath(), $"grader-bench-torch-{Environment.ProcessId}.py");
            File.WriteAllText(file, script);
            try
            {
                var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
                start.ArgumentList.Add(file);
                var python = Process.Start(start)!;
                python.ErrorDataReceived += (_, _) => { };
                python.BeginErrorReadLine();
                return new TorchSide(python);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }

        /// <summary>The median of one round, in ms; null when PyTorch is not there (the process ended).</summary>
        public double? Round()
        {
            try
            {
                _python.StandardInput.WriteLine("round");
                _python.StandardInput.Flush();
                var line = _python.StandardOutput.ReadLine();
                return double.TryParse(line?.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var ms) ? ms : null;
            }
            catch (IOException)
            {
                return null;
            }
        }

        public void Dispose()
        {
            try
            {
                _python.StandardInput.Close();
                if (!_python.WaitForExit(10_000))
                {
                    _python.Kill();
                }
            }
            catch (InvalidOperationException)
            {
            }
            _python.Dispose();
        }
    }
}
