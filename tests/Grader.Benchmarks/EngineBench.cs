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

    /// <summary>A row: the engine's pass, and the same in PyTorch (setup, then the body of once()).</summary>
    private sealed record Row(string Name, Func<Action> Engine, string TorchSetup, string TorchOnce, int Runs);

    private static Row Mlp(string name, int n, int h, int o, int batch, int runs) => new(name, () => ForwardBackward(n, h, o, batch), $$"""
        x = torch.rand({{batch}}, {{n}}, dtype=torch.float64, generator=g) - 0.5
        w1 = (torch.rand({{n}}, {{h}}, dtype=torch.float64, generator=g) - 0.5).requires_grad_()
        b1 = (torch.rand({{h}}, dtype=torch.float64, generator=g) - 0.5).requires_grad_()
        w2 = (torch.rand({{h}}, {{o}}, dtype=torch.float64, generator=g) - 0.5).requires_grad_()
        b2 = (torch.rand({{o}}, dtype=torch.float64, generator=g) - 0.5).requires_grad_()
        y = torch.arange({{batch}}) % {{o}}
        """, $$"""
            logits = torch.relu(x @ w1 + b1) @ w2 + b2
            loss = (logits * logits).mean() if {{o}} == 1 else torch.nn.functional.cross_entropy(logits, y)
            torch.autograd.grad(loss, [w1, b1, w2, b2])
        """, runs);

    private static Row ConvLayer(int n, int c, int size, int filters, int runs) => new($"conv {n}x{c}x{size}x{size}, {filters} 3x3, pad 1", () => ConvForwardBackward(n, c, size, filters), $$"""
        x = torch.rand({{n}}, {{c}}, {{size}}, {{size}}, dtype=torch.float64, generator=g) - 0.5
        w = (torch.rand({{filters}}, {{c}}, 3, 3, dtype=torch.float64, generator=g) - 0.5).requires_grad_()
        b = (torch.rand({{filters}}, dtype=torch.float64, generator=g) - 0.5).requires_grad_()
        """, """
            y = torch.nn.functional.conv2d(x, w, b, padding=1)
            torch.autograd.grad(torch.relu(y).mean(), [w, b])
        """, runs);

    public static void Run()
    {
        Console.WriteLine($"== engine: forward + backward, float64, median of runs; {Rounds} rounds alternating with PyTorch (1 thread) when installed");
        var rows = new[]
        {
            Mlp("mlp 784-256-10 batch 64", 784, 256, 10, 64, 21),
            ConvLayer(8, 3, 32, 16, 11),
            Mlp("seed 2-3-1 batch 1", 2, 3, 1, 1, 10001),
        };
        foreach (var r in rows)
        {
            using var torch = TorchSide.Start(r.TorchSetup, r.TorchOnce, r.Runs);
            var ours = new List<double>();
            var theirs = new List<double>();
            var once = r.Engine();
            for (var round = 0; round < Rounds; round++)
            {
                ours.Add(EngineMedian(once, r.Runs));
                if (torch?.Round() is { } t)
                {
                    theirs.Add(t);
                }
            }
            var engine = Median(ours);
            if (theirs.Count != ours.Count)
            {
                Console.WriteLine($"  {r.Name,-34} engine {engine,9:0.000} ms   PyTorch not installed");
                continue;
            }
            // The ratio of each round, each pair measured back to back; their median and their range.
            var ratios = ours.Zip(theirs, (e, t) => t / e).ToList();
            Console.WriteLine($"  {r.Name,-34} engine {engine,9:0.000} ms   PyTorch {Median(theirs),9:0.000} ms   engine speed = {Median(ratios):0.00}x PyTorch's (rounds {ratios.Min():0.00} to {ratios.Max():0.00})");
        }
    }

    /// <summary>The median wall time, in ms, of <paramref name="runs"/> forward and backward passes, after a warm-up.</summary>
    private static double EngineMedian(Action once, int runs)
    {
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

    /// <summary>One forward and backward pass of a conv layer (padding 1, bias) with relu and a mean, for the weights' gradients.</summary>
    public static Action ConvForwardBackward(int n, int c, int size, int filters)
    {
        var rng = new Random(1);
        Tensor Rand(params int[] shape) => new(shape, [.. Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => rng.NextDouble() - 0.5)]);
        var x = Var.Leaf(Rand(n, c, size, size));
        var w = Var.Leaf(Rand(filters, c, 3, 3));
        var b = Var.Leaf(Rand(filters));
        var window = Window.Of(2, [1], [1], [1], "conv2d");
        return () =>
        {
            var y = Ops.Conv(x, w, b, window, 1, "conv2d");
            Autodiff.Grad(Ops.Mean(Ops.Relu(y)), [w, b]);
        };
    }

    /// <summary>One PyTorch process per row, warm after its first round; each line on its input asks for a round.</summary>
    private sealed class TorchSide : IDisposable
    {
        private readonly Process _python;

        private TorchSide(Process python) => _python = python;

        public static TorchSide? Start(string setup, string body, int runs)
        {
            var script = "import sys, time, torch\ntorch.set_num_threads(1)\ng = torch.Generator().manual_seed(1)\n" + setup + "\ndef once():\n" + body + "\n" + $$"""
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
