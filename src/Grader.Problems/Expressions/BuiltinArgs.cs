using Grader.Engine;

namespace Grader.Problems.Expressions;

/// <summary>An argument's value: a tensor, a quoted string (<c>approximate: 'tanh'</c>), or None.</summary>
public readonly record struct ArgValue(Var? Tensor, string? Text)
{
    public static ArgValue None => default;

    public bool IsNone => Tensor is null && Text is null;
}

/// <summary>
/// The arguments of one call of a built-in, bound to its parameters as Python binds them (positionally in order,
/// or by name; <c>dim</c> is another name for <c>axis</c>), with what the call may read beside them: the mistake being
/// tried (null: none) and a way to charge work to the budget.
/// </summary>
public sealed class BuiltinArgs
{
    private readonly Builtins.Builtin _fn;
    private readonly ArgValue[] _values;

    internal BuiltinArgs(Builtins.Builtin fn, ArgValue[] values, IReadOnlyList<ArgValue> rest, MistakeRule? mistake, Action<long> charge, Action<long, string> checkElements, bool gate = false)
    {
        Gate = gate;
        CheckElements = checkElements;
        _fn = fn;
        _values = values;
        Rest = rest;
        Mistake = mistake;
        Charge = charge;
    }

    /// <summary>Positional arguments beyond the parameters, for a built-in that takes any number (concat, zeros).</summary>
    public IReadOnlyList<ArgValue> Rest { get; }

    public MistakeRule? Mistake { get; }

    /// <summary>Whether this call is a gate (<see cref="CallExpr.Gate"/>), for a mistake made at gates only or elsewhere only.</summary>
    public bool Gate { get; }

    /// <summary>Refuses a value of more elements than the spec's limits allow, before it is made (what it is, for the message).</summary>
    public Action<long, string> CheckElements { get; }

    /// <summary>Charges work (element operations) to the case's budget before it is done.</summary>
    public Action<long> Charge { get; }

    private int IndexOf(string name) => _fn.Parameters.ToList().FindIndex(p => p.Name == name) is var i and >= 0
        ? i : throw new InvalidOperationException($"{_fn.Name} has no parameter {name}");

    public bool Has(string name) => !_values[IndexOf(name)].IsNone;

    /// <summary>The tensor given for a parameter that must have one.</summary>
    public Var this[string name] => Tensor(name) ?? throw new ShapeException($"{_fn.Name} needs `{name}`");

    public Var? Tensor(string name)
    {
        var v = _values[IndexOf(name)];
        return v.Text is not null ? throw new ShapeException($"{_fn.Name}: `{name}` is a value, not the string '{v.Text}'") : v.Tensor;
    }

    public double Number(string name, double fallback)
    {
        var v = Tensor(name);
        return v is null ? fallback : v.Value.Size == 1 ? v.Value[0] : throw new ShapeException($"{_fn.Name}: `{name}` is one number, not shape {Engine.Tensor.FormatShape(v.Value.Shape)}");
    }

    public double? OptionalNumber(string name) => Has(name) ? Number(name, 0) : null;

    public int Int(string name, int fallback, int min = int.MinValue)
    {
        var v = Tensor(name);
        return v is null ? fallback : WholeNumber(v, $"`{name}`", min);
    }

    /// <summary>One whole number or a list of them (a shape, several axes, a stride per axis).</summary>
    public int[]? Ints(string name, int min = int.MinValue)
    {
        var v = Tensor(name);
        if (v is null)
        {
            return null;
        }
        if (v.Value.Rank > 1)
        {
            throw new ShapeException($"{_fn.Name}: `{name}` is a whole number or a list of them, not shape {Engine.Tensor.FormatShape(v.Value.Shape)}");
        }
        return v.Value.ToArray().Select(x => Whole(x, $"`{name}`", min)).ToArray();
    }

    public bool Flag(string name, bool fallback)
    {
        var v = Tensor(name);
        return v is null ? fallback : v.Value.Size == 1 && v.Value[0] is 0 or 1
            ? v.Value[0] == 1
            : throw new ShapeException($"{_fn.Name}: `{name}` is true or false, not {v.Value}");
    }

    public string Text(string name, string fallback)
    {
        var v = _values[IndexOf(name)];
        return v.IsNone ? fallback : v.Text ?? throw new ShapeException($"{_fn.Name}: `{name}` is a quoted string such as '{fallback}'");
    }

    public int WholeNumber(Var v, string what, int min) => v.Value.Size == 1
        ? Whole(v.Value[0], what, min)
        : throw new ShapeException($"{_fn.Name}: {what} is a whole number, not shape {Engine.Tensor.FormatShape(v.Value.Shape)}");

    private int Whole(double x, string what, int min) =>
        x == Math.Floor(x) && x >= min && x <= 1_000_000 && x >= -1_000_000
            ? (int)x
            : throw new ShapeException($"{_fn.Name}: {what} is a whole number{(min > int.MinValue ? $" >= {min}" : "")}, not {Engine.Tensor.FormatNumber(x)}");
}
