using System.Globalization;

namespace Grader.Problems.Expressions;

/// <summary>
/// What evaluating a spec may cost, so that no spec can hang or exhaust the grader: a bound on the elements of
/// any one value, on the work of one case (one scope and what it computes), and on the work of a whole run
/// (validate, solve, or one property check), over all parts and cases, each from the spec's <see cref="EvalLimits"/>.
/// Work is counted in element operations: each value computed costs its elements plus <see cref="NodeCost"/>, a
/// matrix product m*k*n, a derivative one backward pass over what the case computed so far per output element (a
/// product's backward 2*m*k*n). Validation runs everything that solving and grading run under the same limits, so a
/// spec that validates never exceeds them later.
/// </summary>
public sealed class EvalBudget
{
    /// <summary>The fixed cost of one node of the graph (an object, a call), in element operations.</summary>
    public const int NodeCost = 200;

    private readonly EvalBudget? _total;
    private readonly long _limit;

    /// <summary>A budget for a whole run under the default limits.</summary>
    public EvalBudget()
        : this(EvalLimits.Default)
    {
    }

    /// <summary>A budget for a whole run; cases draw on it through <see cref="ForCase"/>.</summary>
    public EvalBudget(EvalLimits limits)
        : this(null, limits, limits.TotalWork)
    {
    }

    private EvalBudget(EvalBudget? total, EvalLimits limits, long limit)
    {
        _total = total;
        Limits = limits;
        _limit = limit;
    }

    /// <summary>The limits this budget enforces.</summary>
    public EvalLimits Limits { get; }

    /// <summary>Work done so far.</summary>
    public long Used { get; private set; }

    /// <summary>A budget for one case that also counts against this run's total.</summary>
    public EvalBudget ForCase() => new(_total ?? this, Limits, Limits.CaseWork);

    /// <summary>Counts <paramref name="work"/> done by <paramref name="at"/>, or throws when the budget is spent.</summary>
    public void Charge(long work, Expr at)
    {
        Used += work;
        if (Used > _limit)
        {
            throw new BudgetExceededException(at, _total is null ? LimitKind.TotalWork : LimitKind.CaseWork, Limits);
        }
        _total?.Charge(work, at);
    }

    /// <summary>Refuses a value of more than the elements limit before it is made.</summary>
    public void CheckElements(long elements, Expr at, string what)
    {
        if (elements > Limits.Elements)
        {
            throw new BudgetExceededException(at, LimitKind.Elements, Limits, elements, what);
        }
    }
}

/// <summary>
/// A limit of <see cref="EvalLimits"/> was reached: which one (<see cref="Limit"/>), so that callers can say where it
/// ran out without reading the message, and a message that names the limit, its setting and its ceiling.
/// </summary>
public sealed class BudgetExceededException : ExprException
{
    public BudgetExceededException(Expr at, LimitKind limit, EvalLimits limits, long elements = 0, string what = "")
        : base(at.Location, Describe(at, limit, limits, elements, what), limits.Raise(limit, limit == LimitKind.Elements ? elements : null))
    {
        Limit = limit;
    }

    private BudgetExceededException(BudgetExceededException inner, string where)
        : base(inner.Location, $"{where}: {inner.Message}", inner.Hint)
    {
        Limit = inner.Limit;
        Placed = true;
    }

    public LimitKind Limit { get; }

    /// <summary>Whether the message already says which step, part or case ran out.</summary>
    public bool Placed { get; }

    /// <summary>The same error, its message starting with where it ran out (<c>in step `B`</c>, <c>case 3 of part `p`</c>).</summary>
    public BudgetExceededException In(string where) => new(this, where);

    private static string Describe(Expr at, LimitKind limit, EvalLimits limits, long elements, string what)
    {
        var text = ExprLimits.Short(at.Text);
        var key = EvalLimits.Key(limit);
        return limit switch
        {
            LimitKind.Elements => string.Create(CultureInfo.InvariantCulture,
                $"`{text}` would make {what} of {elements:N0} elements; a value may hold at most {limits.Elements:N0} (limits.{key})"),
            LimitKind.CaseWork => string.Create(CultureInfo.InvariantCulture,
                $"`{text}` needs more than {limits.CaseWork:N0} element operations in one case (limits.{key})"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"`{text}` needs more than {limits.TotalWork:N0} element operations in the whole spec, every part and case together (limits.{key})"),
        };
    }
}
