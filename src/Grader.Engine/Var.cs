namespace Grader.Engine;

/// <summary>
/// Computes the gradients of an op's inputs from the gradient of its output.
/// </summary>
public delegate Tensor[] BackwardRule(Tensor gradOut, Tensor[] inputs, Tensor output);

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
