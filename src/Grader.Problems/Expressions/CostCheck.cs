using Grader.Engine;

namespace Grader.Problems.Expressions;

/// <summary>
/// What an operation will cost, checked before it runs: the size of its result and its work, so that
/// a [10000] - [10000, 1] broadcast or a 50,000-row jacobian is refused instead of computed.
/// One unit of work is about what one element of an elementwise op costs (its allocation and its pass over memory,
/// 15 to 30 ns on the 2-core machine measured); a matrix product's multiply-adds run in vectors, about four to the
/// unit (<see cref="MultiplyAddsPerUnit"/>), and so do those of inv, det and solve.
/// </summary>
internal static class CostCheck
{
    /// <summary>Multiply-adds of a product (or of a factorisation) counted as one unit of work.</summary>
    public const long MultiplyAddsPerUnit = 4;

    /// <summary>The units of <paramref name="multiplyAdds"/> multiply-adds, rounded up.</summary>
    public static long Products(long multiplyAdds) => (multiplyAdds + MultiplyAddsPerUnit - 1) / MultiplyAddsPerUnit;

    /// <summary>
    /// A built-in whose work grows faster than its values (inv of an n x n matrix: n^3 multiply-adds), charged before
    /// it runs; every other call costs the size of its result, charged when the result is made. Returns the arguments.
    /// </summary>
    public static Var[] Call(CallExpr c, Var[] args, EvalBudget budget)
    {
        var work = c.Name switch
        {
            "inv" or "det" when args.Length > 0 && args[0].Value.Rank == 2 => Cube(args[0].Value.Shape[0]),
            "solve" when args.Length > 1 && args[0].Value.Rank == 2 => Cube(args[0].Value.Shape[0]) + (long)args[0].Value.Size * Math.Max(1, args[1].Value.Size / Math.Max(1, args[0].Value.Shape[0])),
            "conv1d" or "conv2d" or "conv3d" when args.Length > 1 => ConvWork(c.Name, args[0].Value.Shape, args[1].Value.Shape),
            _ => 0,
        };
        if (work > 0)
        {
            budget.Charge(c.Name is "inv" or "det" or "solve" ? work : Products(work), c);
        }
        return args;
    }

    private static long Cube(long n) => n * n * n;

    /// <summary>
    /// A convolution's multiply-adds, N*F*(C/groups)*k...*out... with as many outputs as inputs per position (stride 1,
    /// padding up to half the kernel): the input's elements per channel times the weights' elements. x is [N, C, ...]
    /// or [C, ...] (or [L] for conv1d with one filter [K]), the weights [F, C/groups, k...] (or [C, K], [K]).
    /// </summary>
    public static long ConvWork(string name, IReadOnlyList<int> x, IReadOnlyList<int> w)
    {
        var spatial = name[4] - '0';
        var channels = x.Count > spatial ? Math.Max(1, x[^(spatial + 1)]) : 1;
        return Elements(x) / channels * Elements(w);
    }

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
            budget.CheckElements(batch * m * n, b, "a product");
            budget.Charge(Products(batch * m * k * n), b);
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
        budget.CheckElements(size, b, "a result");
    }

    /// <summary>A jacobian has one row per output element, each a backward pass over the whole graph.</summary>
    public static void Derivative(CallExpr c, Var output, IReadOnlyList<Var> wrt, EvalBudget budget)
    {
        var rows = c.Name == "jacobian" ? output.Value.Size : 1;
        budget.CheckElements((long)rows * wrt.Sum(w => (long)w.Value.Size), c, "a jacobian");
        // Counted up to the case's limit, past which the charge fails anyway (every node was charged when it was made, so
        // the walk is as long as what the case computed).
        budget.Charge(rows * GraphCost(output, budget.Limits.CaseWork), c);
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
            cost += BackwardWork(v);
            foreach (var i in v.Inputs.Where(seen.Add))
            {
                stack.Push(i);
            }
        }
        return Math.Max(cost, 1);
    }

    /// <summary>
    /// What one node's backward step may cost: a gradient for each input and the node's own, and for a matrix
    /// product the two products that make them (2*m*k*n multiply-adds), for inv, det and solve two products of
    /// their size. An op whose backward costs more than the sizes of its values (a convolution) belongs here too,
    /// or a spec could do far more work than it is charged for.
    /// </summary>
    public static long BackwardWork(Var v)
    {
        long work = EvalBudget.NodeCost + v.Value.Size;
        foreach (var input in v.Inputs)
        {
            work += input.Value.Size;
        }
        var a = v.Inputs.Count > 0 ? v.Inputs[0].Value : null;
        var b = v.Inputs.Count > 1 ? v.Inputs[1].Value : null;
        work += v.Op switch
        {
            // [.., m, k] @ [k, n]: every element of each side meets k elements of the other, in each direction.
            "@" when a is { Rank: > 0 } && b is { Rank: > 0 } => Products(2 * (long)a.Size * b.Size / Math.Max(1, a.Shape[^1])),
            "inv" or "det" or "solve" when a is { Rank: 2 } => 2 * (Cube(a.Shape[0]) + (long)a.Size * (b?.Size ?? 0)),
            "conv1d" or "conv2d" or "conv3d" when a is not null && b is not null => Products(2 * ConvWork(v.Op, a.Shape, b.Shape)),
            _ => 0,
        };
        return work;
    }
}
