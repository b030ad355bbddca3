namespace Grader.Problems.Expressions;

/// <summary>A node of a parsed expression; Start and End are offsets into its source text.</summary>
public abstract record Expr(int Start, int End)
{
    /// <summary>The source text the node came from, set by the parser on the root.</summary>
    public ExprSource Source { get; init; } = ExprSource.Empty;

    public string Text => Source.Text.Length >= End ? Source.Text[Start..End] : ToString();

    public SourceLocation Location => Source.LocationOf(Start);
}

public sealed record NumberExpr(double Value, int Start, int End) : Expr(Start, End);

public sealed record NameExpr(string Name, int Start, int End) : Expr(Start, End);

public sealed record ListExpr(IReadOnlyList<Expr> Items, int Start, int End) : Expr(Start, End);

public sealed record UnaryExpr(string Op, Expr Operand, int Start, int End) : Expr(Start, End);

public sealed record BinaryExpr(string Op, Expr Left, Expr Right, int Start, int End) : Expr(Start, End);

public sealed record CallExpr(string Name, IReadOnlyList<Expr> Args, int Start, int End) : Expr(Start, End)
{
    /// <summary>
    /// Set by the loader on a sigmoid that is a gate (<see cref="Gates"/>): a mistake may be made at gates only, or
    /// only elsewhere. Never written in a spec.
    /// </summary>
    public bool Gate { get; init; }
}

public sealed record IndexExpr(Expr Target, IReadOnlyList<Expr> Indices, int Start, int End) : Expr(Start, End);

/// <summary>A named argument of a call, <c>max(S, axis: 1)</c>.</summary>
public sealed record NamedArgExpr(string Name, Expr Value, int Start, int End) : Expr(Start, End);

/// <summary>A range inside an index, <c>x[0:3]</c>, <c>M[:, j]</c>, <c>x[::2]</c>; either bound and the step may be left out.</summary>
public sealed record SliceExpr(Expr? From, Expr? To, int Start, int End, Expr? Step = null) : Expr(Start, End);

/// <summary>A quoted string, for a keyword's value (<c>approximate: 'tanh'</c>).</summary>
public sealed record StringExpr(string Value, int Start, int End) : Expr(Start, End);

/// <summary>
/// Made only by the mistake diagnosis, never parsed: <see cref="Inner"/>'s value, with its gradient multiplied by
/// <see cref="Factor"/> (an L2 penalty whose gradient a student dropped or doubled).
/// </summary>
public sealed record GradScaleExpr(Expr Inner, double Factor) : Expr(Inner.Start, Inner.End);

/// <summary>
/// Made only by the mistake diagnosis: <see cref="Inner"/> evaluated without the mistake being tried (a penalty term,
/// when the mistake is about the loss's square or its reduction over samples).
/// </summary>
public sealed record ShieldExpr(Expr Inner) : Expr(Inner.Start, Inner.End);
