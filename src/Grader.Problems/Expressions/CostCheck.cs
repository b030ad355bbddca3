using Grader.Engine;

namespace Grader.Problems.Expressions;

/// <summary>
/// What an operation will cost, checked before it runs: the size of its result and its work, so that
/// a [10000] - [10000, 1] broadcast or a 50,000-row jacobian is refused instead of computed.
/// </summary>
internal static class CostCheck
{
    /// <summary>The number of elements of a shape, without overflow (dimensions are at most int.MaxValue).</summary>
    public static long Elements(IReadOnlyList<int> shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            n = Math.Min(n * d, long.MaxValue / int.MaxValue);
        }
        return n;
    }

    /// <summary>An elementwise operator's broadcast result, or a matrix product's result and its m*k*n work.</summary>
    public static void Binary(BinaryExpr b, Tensor l, Tensor r, EvalBudget budget)
    {
        if (b.Op == "@")
        {
            if (l.Rank == 0 || r.Rank == 0 || l.Shape[^1] != (r.Rank == 1 ? r.Shape[0] : r.Shape[^2]))
            {
                // The engine reports the shape error.
                return;
            }
            long m = l.Rank >= 2 ? l.Shape[^2] : 1, k = l.Shape[^1], n = r.Rank >= 2 ? r.Shape[^1] : 1;
            // The batch: the leading axes of both, broadcast together.
            long batch = 1;
            int lb = Math.Max(0, l.Rank - 2), rb = Math.Max(0, r.Rank - 2), nb = Math.Max(lb, rb);
            for (var i = 0; i < nb; i++)
            {
                var dl = i < nb - lb ? 1 : l.Shape[i - (nb - lb)];
                var dr = i < nb - rb ? 1 : r.Shape[i - (nb - rb)];
                batch *= Math.Max(dl, dr);
            }
            EvalBudget.CheckElements(batch * m * n, b, "a product");
            budget.Charge(batch * m * k * n, b);
            return;
        }
        var rank = Math.Max(l.Rank, r.Rank);
        long size = 1;
        for (var i = 0; i < rank; i++)
        {
            var dl = i < rank - l.Rank ? 1 : l.Shape[i - (rank - l.Rank)];
            var dr = i < rank - r.Rank ? 1 : r.Shape[i - (rank - r.Rank)];
            size *= Math.Max(dl, dr);
        }
        EvalBudget.CheckElements(size, b, "a result");
    }

    /// <summary>A jacobian has one row per output element, each a backward pass over the whole graph.</summary>
    public static void Derivative(CallExpr c, Var output, IReadOnlyList<Var> wrt, EvalBudget budget)
    {
        var rows = c.Name == "jacobian" ? output.Value.Size : 1;
        EvalBudget.CheckElements((long)rows * wrt.Sum(w => (long)w.Value.Size), c, "a jacobian");
        budget.Charge(rows * GraphCost(output, budget.Used), c);
    }

    /// <summary>The work of one backward pass from <paramref name="output"/>, counted up to <paramref name="cap"/>.</summary>
    private static long GraphCost(Var output, long cap)
    {
        long cost = 0;
        var seen = new HashSet<Var>(ReferenceEqualityComparer.Instance) { output };
        var stack = new Stack<Var>([output]);
        while (stack.Count > 0 && cost <= cap)
        {
            var v = stack.Pop();
            cost += EvalBudget.NodeCost + v.Value.Size;
            foreach (var i in v.Inputs.Where(seen.Add))
            {
                stack.Push(i);
            }
        }
        return Math.Max(cost, 1);
    }
}
