using System.Globalization;

namespace Grader.Problems.Expressions;

/// <summary>
/// What evaluating a spec may cost, so that no spec can hang or exhaust the grader: a bound on the elements of
/// any one value, on the work of one case (one scope and what it computes), and on the work of a whole run
/// (validate, solve, or one property check), over all parts and cases. Work is counted in element operations:
/// each value computed costs its elements plus <see cref="NodeCost"/>, a matrix product m*k*n, a derivative one
/// backward pass over what the case computed so far per output element. Validation runs everything that solving
/// and grading run under the same limits, so a spec that validates never exceeds them later.
/// </summary>
public sealed class EvalBudget
{
    /// <summary>Elements of one value (a [1000, 1000] matrix).</summary>
    public const int MaxElements = 1_000_000;

    /// <summary>Work of one case.</summary>
    public const long CaseWork = 10_000_000;

    /// <summary>Work of a whole run over every part and case.</summary>
    public const long TotalWork = 100_000_000;

    /// <summary>The fixed cost of one node of the graph (an object, a call), in element operations.</summary>
    public const int NodeCost = 50;

    private readonly EvalBudget? _total;
    private readonly long _limit;

    /// <summary>A budget for a whole run; cases draw on it through <see cref="ForCase"/>.</summary>
    public EvalBudget()
        : this(null, TotalWork)
    {
    }

    private EvalBudget(EvalBudget? total, long limit)
    {
        _total = total;
        _limit = limit;
    }

    /// <summary>Work done so far.</summary>
    public long Used { get; private set; }

    /// <summary>A budget for one case that also counts against this run's total.</summary>
    public EvalBudget ForCase() => new(_total ?? this, CaseWork);

    /// <summary>Counts <paramref name="work"/> done by <paramref name="at"/>, or throws when the budget is spent.</summary>
    public void Charge(long work, Expr at)
    {
        Used += work;
        if (Used > _limit)
        {
            throw Exceeded(at, _total is null ? "the whole spec (every part and case together)" : "one case", _limit);
        }
        _total?.Charge(work, at);
    }

    /// <summary>Refuses a value of more than <see cref="MaxElements"/> elements before it is made.</summary>
    public static void CheckElements(long elements, Expr at, string what)
    {
        if (elements > MaxElements)
        {
            throw new ExprException(at.Location,
                string.Create(CultureInfo.InvariantCulture, $"`{ExprLimits.Short(at.Text)}` would make {what} of {elements:N0} elements; a value may hold at most {MaxElements:N0}"),
                "use smaller shapes: the reference engine is for homework-sized data");
        }
    }

    /// <summary>The words every budget error holds.</summary>
    public const string ExceededText = "exceeds the evaluation budget";

    private static ExprException Exceeded(Expr at, string scope, long limit) => new(at.Location,
        string.Create(CultureInfo.InvariantCulture,
            $"`{ExprLimits.Short(at.Text)}` {ExceededText}: {scope} may do at most {limit:N0} element operations"),
        "use smaller shapes or fewer cases; a function that calls another twice (f(x) + f(x)) doubles the work at every level");
}
