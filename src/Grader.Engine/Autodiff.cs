namespace Grader.Engine;

/// <summary>
/// Reverse-mode differentiation over the graph of <see cref="Var"/> nodes.
/// Jacobian layout: rows are the flattened outputs, columns the flattened inputs (numerator layout).
/// </summary>
public static class Autodiff
{
    /// <summary>
    /// The gradient of a scalar with respect to each of <paramref name="wrt"/>, each shaped like its variable.
    /// A variable the output does not depend on gets zeros.
    /// </summary>
    public static Tensor[] Grad(Var output, IReadOnlyList<Var> wrt, KinkSide kinks = KinkSide.PyTorch)
    {
        if (output.Value.Size != 1)
        {
            throw new ShapeException($"grad needs a scalar, got shape {Tensor.FormatShape(output.Value.Shape)}: use jacobian for a vector");
        }
        return Backward(output, Tensor.Filled(output.Value.Shape, 1), wrt, kinks);
    }

    /// <summary>
    /// The Jacobian of <paramref name="output"/> with respect to <paramref name="wrt"/>:
    /// one row per output element, one column per element of the variables, concatenated in order.
    /// </summary>
    public static Tensor Jacobian(Var output, IReadOnlyList<Var> wrt, KinkSide kinks = KinkSide.PyTorch)
    {
        var m = output.Value.Size;
        var n = wrt.Sum(w => w.Value.Size);
        var J = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            var seed = new double[m];
            seed[i] = 1;
            var grads = Backward(output, new Tensor(output.Value.ShapeArray, seed), wrt, kinks);
            var col = 0;
            foreach (var g in grads)
            {
                Array.Copy(g.Values, 0, J, i * n + col, g.Size);
                col += g.Size;
            }
        }
        return new Tensor([m, n], J);
    }

    private static Tensor[] Backward(Var output, Tensor seed, IReadOnlyList<Var> wrt, KinkSide kinks)
    {
        var order = TopologicalOrder(output);
        GuardSecondDerivatives(order, wrt);
        // Only nodes with a variable asked for behind them pass a gradient on (order lists inputs before their users).
        var needed = new HashSet<Var>(wrt);
        foreach (var node in order)
        {
            var inputs = node.InputArray;
            for (var k = 0; k < inputs.Length; k++)
            {
                if (needed.Contains(inputs[k]))
                {
                    needed.Add(node);
                    break;
                }
            }
        }
        // A node's gradient, and whether the array is this pass's own to add into: the first contribution is kept as
        // the rule returned it (a rule may hand on its upstream gradient unchanged), and copied only when a second comes.
        var grads = new Dictionary<Var, (double[] Sum, bool Owned)>() { [output] = (seed.ToArray(), true) };
        var pass = new BackwardPass(kinks, needed);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (node.Backward is null || !needed.Contains(node) || !grads.TryGetValue(node, out var g))
            {
                continue;
            }
            var inputs = new Tensor[node.InputArray.Length];
            for (var k = 0; k < inputs.Length; k++)
            {
                inputs[k] = node.InputArray[k].Value;
            }
            pass.Node = node;
            var inputGrads = node.Backward(new Tensor(node.Value.ShapeArray, g.Sum), inputs, node.Value, pass);
            Accumulate(grads, needed, node, inputGrads);
        }
        var result = new Tensor[wrt.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var w = wrt[i];
            // Copied: the array may be one a rule also gave another input, or the seed.
            result[i] = grads.TryGetValue(w, out var g) ? new Tensor(w.Value.ShapeArray, g.Sum.ToArray()) : Tensor.Zeros(w.Value.Shape);
        }
        return result;
    }

    private static void Accumulate(Dictionary<Var, (double[] Sum, bool Owned)> grads, HashSet<Var> needed, Var node, Tensor[] inputGrads)
    {
        var inputs = node.InputArray;
        for (var k = 0; k < inputs.Length; k++)
        {
            var input = inputs[k];
            if (!needed.Contains(input))
            {
                continue;
            }
            var gi = inputGrads[k].Values;
            if (gi.Length != input.Value.Size)
            {
                throw new InvalidOperationException($"the backward rule of {node.Op} gave input {k} a gradient of {gi.Length} values, not {input.Value.Size}");
            }
            if (!grads.TryGetValue(input, out var acc))
            {
                grads[input] = (gi, false);
                continue;
            }
            var sum = acc.Sum;
            if (!acc.Owned)
            {
                sum = (double[])sum.Clone();
                grads[input] = (sum, true);
            }
            for (var j = 0; j < sum.Length; j++)
            {
                sum[j] += gi[j];
            }
        }
    }

    private static List<Var> TopologicalOrder(Var root)
    {
        var order = new List<Var>();
        var seen = new HashSet<Var>();
        // Iterative depth-first search: deep graphs must not overflow the stack.
        var stack = new Stack<(Var Node, int Next)>();
        stack.Push((root, 0));
        seen.Add(root);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.InputArray.Length)
            {
                stack.Push((node, next + 1));
                var child = node.InputArray[next];
                if (seen.Add(child))
                {
                    stack.Push((child, 0));
                }
            }
            else
            {
                order.Add(node);
            }
        }
        return order;
    }

    private static void GuardSecondDerivatives(List<Var> order, IReadOnlyList<Var> wrt)
    {
        // Which nodes depend on a variable asked for, each node settled once for all the gradients in the graph: a
        // recurrence that takes a gradient at every step (an optimizer) has one per step, each over all the steps before.
        HashSet<Var>? depends = null;
        HashSet<Var>? free = null;
        foreach (var node in order.Where(n => n.DerivativeOf.Count > 0))
        {
            depends ??= [.. wrt];
            free ??= [];
            foreach (var of in node.DerivativeOf)
            {
                if (DependsOn(of, depends, free))
                {
                    throw new SecondDerivativeException();
                }
            }
        }
    }

    /// <summary>Whether <paramref name="root"/> is or depends on a node of <paramref name="depends"/>; every node it reaches is added to one of the two sets.</summary>
    private static bool DependsOn(Var root, HashSet<Var> depends, HashSet<Var> free)
    {
        if (depends.Contains(root) || free.Contains(root))
        {
            return depends.Contains(root);
        }
        var stack = new Stack<(Var Node, int Next)>();
        stack.Push((root, 0));
        var open = new HashSet<Var> { root };
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.InputArray.Length)
            {
                stack.Push((node, next + 1));
                var child = node.InputArray[next];
                if (!depends.Contains(child) && !free.Contains(child) && open.Add(child))
                {
                    stack.Push((child, 0));
                }
                continue;
            }
            (node.InputArray.Any(depends.Contains) ? depends : free).Add(node);
        }
        return depends.Contains(root);
    }
}
