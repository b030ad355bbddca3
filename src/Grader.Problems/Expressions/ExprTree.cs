using System.Globalization;
using System.Text;

namespace Grader.Problems.Expressions;

/// <summary>
/// Builds expressions as trees (never by pasting text), for what the loader generates such as a network's loss.
/// Subtrees read from the spec keep their own text and positions; <see cref="Finish"/> renders the rest so that
/// messages can quote it.
/// </summary>
public static class ExprTree
{
    public static NameExpr Name(string name) => new(name, 0, 0);

    public static NumberExpr Number(double x) => new(x, 0, 0);

    public static CallExpr Call(string name, params Expr[] args) => new(name, args, 0, 0);

    public static BinaryExpr Binary(string op, Expr left, Expr right) => new(op, left, right, 0, 0);

    public static UnaryExpr Neg(Expr operand) => new("-", operand, 0, 0);

    /// <summary>
    /// The expression with every node for which <paramref name="replace"/> gives a replacement replaced (its children
    /// are not visited then), the others rebuilt from their mapped children: how a mistake rewrites a spec.
    /// </summary>
    public static Expr Map(Expr e, Func<Expr, Expr?> replace) => replace(e) ?? e switch
    {
        BinaryExpr b => b with { Left = Map(b.Left, replace), Right = Map(b.Right, replace) },
        UnaryExpr u => u with { Operand = Map(u.Operand, replace) },
        CallExpr c => c with { Args = c.Args.Select(a => Map(a, replace)).ToList() },
        NamedArgExpr n => n with { Value = Map(n.Value, replace) },
        IndexExpr x => x with { Target = Map(x.Target, replace), Indices = x.Indices.Select(i => Map(i, replace)).ToList() },
        ListExpr l => l with { Items = l.Items.Select(i => Map(i, replace)).ToList() },
        _ => e,
    };

    /// <summary>Gives the built nodes a rendered text whose positions all point at <paramref name="at"/>.</summary>
    public static Expr Finish(Expr e, SourceLocation at)
    {
        var text = new StringBuilder();
        var rendered = Render(e, text);
        return Attach(rendered, new ExprSource(text.ToString(), at) { Generated = true });
    }

    private static bool IsBuilt(Expr e) => ReferenceEquals(e.Source, ExprSource.Empty);

    /// <summary>
    /// Whether the grader wrote this call (a network's layer and loss, a mistake being tried), not the spec: it always
    /// means the built-in, even where the spec defines a function of that name (a spec's own `mean(z)` or `dense(x)`
    /// must not change what its network block computes).
    /// </summary>
    public static bool MadeByGrader(CallExpr c) => c.Source.Generated || IsBuilt(c);

    private static Expr Render(Expr e, StringBuilder sb)
    {
        var start = sb.Length;
        if (!IsBuilt(e))
        {
            sb.Append('(').Append(e.Text).Append(')');
            return e;
        }
        switch (e)
        {
            case NameExpr n:
                sb.Append(n.Name);
                return n with { Start = start, End = sb.Length };
            case NumberExpr x:
                sb.Append(x.Value.ToString("R", CultureInfo.InvariantCulture));
                return x with { Start = start, End = sb.Length };
            case UnaryExpr u:
                sb.Append('-');
                var operand = Render(u.Operand, sb);
                return u with { Operand = operand, Start = start, End = sb.Length };
            case BinaryExpr b:
                sb.Append('(');
                var left = Render(b.Left, sb);
                sb.Append(' ').Append(b.Op).Append(' ');
                var right = Render(b.Right, sb);
                sb.Append(')');
                return b with { Left = left, Right = right, Start = start, End = sb.Length };
            case CallExpr c:
                sb.Append(c.Name).Append('(');
                var args = new List<Expr>();
                foreach (var a in c.Args)
                {
                    if (args.Count > 0)
                    {
                        sb.Append(", ");
                    }
                    args.Add(Render(a, sb));
                }
                sb.Append(')');
                return c with { Args = args, Start = start, End = sb.Length };
            default:
                throw new ArgumentException($"ExprTree cannot render {e.GetType().Name}");
        }
    }

    private static Expr Attach(Expr e, ExprSource source)
    {
        if (!IsBuilt(e))
        {
            return e;
        }
        return e switch
        {
            UnaryExpr u => u with { Operand = Attach(u.Operand, source), Source = source },
            BinaryExpr b => b with { Left = Attach(b.Left, source), Right = Attach(b.Right, source), Source = source },
            CallExpr c => c with { Args = c.Args.Select(a => Attach(a, source)).ToList(), Source = source },
            _ => e with { Source = source },
        };
    }
}
