using System.Globalization;

namespace Grader.Problems.Expressions;

/// <summary>The three limits of an evaluation, each a key of a spec's <c>limits:</c> block.</summary>
public enum LimitKind
{
    /// <summary>Element operations of one case (one scope and all it computes): <c>limits.case_work</c>.</summary>
    CaseWork,

    /// <summary>Element operations of a whole run (validate, solve, one grading's references): <c>limits.total_work</c>.</summary>
    TotalWork,

    /// <summary>Elements of any one value: <c>limits.elements</c>.</summary>
    Elements,
}

/// <summary>
/// What one spec's evaluation may cost. <see cref="Default"/> admits an ordinary homework (a 784-256-10 MLP on a
/// batch of 64 with its gradients, a 3x3 convolution with 16 filters on 8x3x32x32, an LSTM of hidden size 128 over 20
/// steps on a batch of 32: CourseLimitsTests); a spec may raise each limit with <c>limits:</c> up to <see cref="Ceiling"/>,
/// which keeps validating one spec under about 8 seconds on the 2-core machine measured (Release build; src/Grader.Problems/README.md
/// has the figures), a case under 2.4 GB (every element made costs at least one operation) and a value under 32 MB.
/// </summary>
public sealed record EvalLimits(long CaseWork, long TotalWork, long Elements)
{
    public static readonly EvalLimits Default = new(150_000_000, 500_000_000, 1_000_000);

    public static readonly EvalLimits Ceiling = new(300_000_000, 1_200_000_000, 4_000_000);

    public long this[LimitKind kind] => kind switch
    {
        LimitKind.CaseWork => CaseWork,
        LimitKind.TotalWork => TotalWork,
        _ => Elements,
    };

    public EvalLimits With(LimitKind kind, long value) => kind switch
    {
        LimitKind.CaseWork => this with { CaseWork = value },
        LimitKind.TotalWork => this with { TotalWork = value },
        _ => this with { Elements = value },
    };

    /// <summary>The key of a limit under <c>limits:</c>.</summary>
    public static string Key(LimitKind kind) => kind switch
    {
        LimitKind.CaseWork => "case_work",
        LimitKind.TotalWork => "total_work",
        _ => "elements",
    };

    public static IReadOnlyList<LimitKind> Kinds { get; } = [LimitKind.CaseWork, LimitKind.TotalWork, LimitKind.Elements];

    /// <summary>
    /// How to get past <paramref name="kind"/>: raise it in the spec up to its ceiling, or, at the ceiling (or when
    /// <paramref name="needed"/>, where known, is past it), make less.
    /// </summary>
    public string Raise(LimitKind kind, long? needed = null)
    {
        var ceiling = Ceiling[kind];
        var key = Key(kind);
        if (this[kind] < ceiling && (needed ?? 0) <= ceiling)
        {
            var suggested = needed ?? Math.Min(ceiling, this[kind] * 4);
            return string.Create(CultureInfo.InvariantCulture,
                $"raise it up to {ceiling:N0} with limits: {{ {key}: {suggested} }} at the top of the spec, or use smaller shapes or fewer cases");
        }
        var at = this[kind] < ceiling ? string.Create(CultureInfo.InvariantCulture, $"more than its ceiling, {ceiling:N0}") : "this is its ceiling";
        return kind == LimitKind.Elements
            ? $"{at}: use smaller shapes (the reference engine is for homework-sized data)"
            : $"{at}: use smaller shapes or fewer cases; a function that calls another twice (f(x) + f(x)) doubles the work at every level";
    }
}
