namespace Grader.Engine;

/// <summary>
/// Computes the gradients of an op's inputs from the gradient of its output. Everything else it may read is in
/// <paramref name="pass"/>: the derivative to take at kinks, and which inputs need a gradient at all.
/// </summary>
public delegate Tensor[] BackwardRule(Tensor gradOut, Tensor[] inputs, Tensor output, BackwardPass pass);

/// <summary>What one backward pass gives every rule it runs, beside the gradient.</summary>
public sealed class BackwardPass
{
    private readonly HashSet<Var>? _needed;

    internal BackwardPass(KinkSide kinks, HashSet<Var>? needed)
    {
        Kinks = kinks;
        _needed = needed;
    }

    /// <summary>A pass that needs every input's gradient, with PyTorch's conventions at kinks.</summary>
    public static BackwardPass All { get; } = new(KinkSide.PyTorch, null);

    /// <summary>Which derivative this pass takes where a function has a kink.</summary>
    public KinkSide Kinks { get; }

    /// <summary>The node whose rule runs (set by the pass before each rule).</summary>
    internal Var? Node { get; set; }

    /// <summary>
    /// Whether input <paramref name="k"/> of the running rule needs a gradient (a variable asked for lies behind it).
    /// A rule may skip the work for an input that does not (the product for a data matrix, say); what it returns in
    /// that place is never read.
    /// </summary>
    public bool InputNeeded(int k) => Node is not { } node || _needed is not { } needed || needed.Contains(node.InputArray[k]);

    /// <summary>The derivative at a kink: PyTorch's choice, or the left or right derivative.</summary>
    public double AtKink(double pytorch, double left, double right) => Kinks switch
    {
        KinkSide.Left => left,
        KinkSide.Right => right,
        _ => pytorch,
    };

    /// <summary>The share of a max's or min's gradient that tie number <paramref name="k"/> of <paramref name="ties"/> receives.</summary>
    public double TieShare(int k, int ties) => Kinks switch
    {
        KinkSide.Left => k == 0 ? 1 : 0,
        KinkSide.Right => k == ties - 1 ? 1 : 0,
        _ => 1.0 / ties,
    };
}

/// <summary>
/// A node of the computation graph: a value, the op that made it, its inputs and the op's backward rule.
/// Leaves (givens, constants) have no inputs. A node is equal only to itself (no Equals of its own): the backward
/// pass keys its sets by node with the default comparer, which the runtime then calls without an interface.
/// </summary>
public sealed class Var
{
    internal Var(Tensor value, string op, Var[] inputs, BackwardRule? backward)
    {
        Value = value;
        Op = op;
        InputArray = inputs;
        Backward = backward;
    }

    public Tensor Value { get; }
    public string Op { get; }
    public IReadOnlyList<Var> Inputs => InputArray;

    /// <summary>The inputs as the array they are kept in: the backward pass indexes it without an interface call.</summary>
    internal Var[] InputArray { get; }
    internal BackwardRule? Backward { get; }

    /// <summary>
    /// For an elementwise op whose derivative reads its own output (sigmoid, tanh, exp): the same op's node with
    /// another output, its derivative computed from that output (a student's value carried forward).
    /// </summary>
    internal Func<Tensor, Var>? Rebind { get; init; }

    /// <summary>
    /// For a value computed by grad or jacobian: the expression and variables it differentiated.
    /// Differentiating through such a value would need second derivatives, which the engine refuses.
    /// </summary>
    public IReadOnlyList<Var> DerivativeOf { get; private init; } = [];

    public static Var Leaf(Tensor value) => new(value, "leaf", [], null);

    public static Var Derivative(Tensor value, IReadOnlyList<Var> of) =>
        new(value, "derivative", [], null) { DerivativeOf = of };

    public override string ToString() => $"{Op}: {Value}";
}
