using Grader.Engine;

namespace Grader.Problems.Expressions;

/// <summary>
/// Names visible to an expression: values (givens, steps, submitted values, function parameters) and user functions.
/// A function body sees its parameters first, then the scope the call started from.
/// </summary>
public sealed class Scope
{
    private readonly Dictionary<string, Var> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<Var>> _lazy = new(StringComparer.Ordinal);
    private readonly Scope? _parent;

    public Scope(IReadOnlyDictionary<string, FunctionDef> functions, SeededRandom? random = null, EvalBudget? budget = null)
    {
        Functions = functions;
        Random = random ?? new SeededRandom(0);
        Warnings = [];
        Budget = budget ?? new EvalBudget().ForCase();
        NonFinite = new NonFinite();
    }

    private Scope(Scope parent, EvalBudget? budget = null)
    {
        _parent = parent;
        Functions = parent.Functions;
        Random = parent.Random;
        // A function's call is one level deeper; a scope of its own budget is not a call.
        Depth = parent.Depth + (budget is null ? 1 : 0);
        Warnings = parent.Warnings;
        Budget = budget ?? parent.Budget;
        NonFinite = parent.NonFinite;
        Mistake = parent.Mistake;
        Kinks = parent.Kinks;
    }

    public IReadOnlyDictionary<string, FunctionDef> Functions { get; }

    /// <summary>
    /// The mistake the ops of this scope make (null: none): the graph is then what a student who makes it computes.
    /// Passed to every op that can make one; a child scope inherits it.
    /// </summary>
    public MistakeRule? Mistake { get; init; }

    /// <summary>Which derivative grad and jacobian take at kinks (PyTorch's, or the left or right one for subgradient bounds).</summary>
    public KinkSide Kinks { get; init; }
    public SeededRandom Random { get; }
    public int Depth { get; }

    /// <summary>What this scope and its children may still compute (shared by a scope and its children).</summary>
    public EvalBudget Budget { get; }

    /// <summary>Where values that are not finite came from (shared by a scope and its children).</summary>
    public NonFinite NonFinite { get; }

    /// <summary>Things that evaluate but look like mistakes (shared by a scope and its children).</summary>
    public List<SpecError> Warnings { get; }

    /// <summary>Names of steps that failed to evaluate: using one raises <see cref="DependsOnFailedStepException"/>.</summary>
    public HashSet<string> Failed { get; } = new(StringComparer.Ordinal);

    public Scope Child() => new(this);

    /// <summary>A child scope whose ops make <paramref name="mistake"/> (null: none) instead of this scope's.</summary>
    public Scope WithMistake(MistakeRule? mistake) => new(this) { Mistake = mistake };

    /// <summary>
    /// A scope that sees this one's values and counts its own work on <paramref name="budget"/> (a value part's answer
    /// as a case of its own); the steps it reaches are still computed, and counted, once in this scope.
    /// </summary>
    public Scope Child(EvalBudget budget) => new(this, budget);

    public void Set(string name, Var value) => _values[name] = value;

    public void Set(string name, Tensor value) => _values[name] = Var.Leaf(value);

    /// <summary>A value computed on first use (a step), so that a case computes only the steps its answer needs.</summary>
    public void SetLazy(string name, Func<Var> compute) => _lazy[name] = compute;

    public bool TryGet(string name, out Var value)
    {
        if (_values.TryGetValue(name, out value!))
        {
            return true;
        }
        if (_lazy.Remove(name, out var compute))
        {
            value = _values[name] = compute();
            return true;
        }
        if (_parent is not null)
        {
            return _parent.TryGet(name, out value);
        }
        if (Failed.Contains(name))
        {
            throw new DependsOnFailedStepException(name);
        }
        return false;
    }

    public IEnumerable<string> Names => _values.Keys.Concat(_lazy.Keys).Concat(_parent?.Names ?? []);
}
