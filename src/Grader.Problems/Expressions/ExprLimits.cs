namespace Grader.Problems.Expressions;

/// <summary>
/// How deep an expression may nest. The parser, the name checks and the evaluator all recurse over the tree, so a
/// spec of 10,000 nested brackets or a 30,000-term sum would overflow the stack; such a spec is refused at the
/// place where it passes the limit instead. No formula a course needs comes near it.
/// </summary>
public static class ExprLimits
{
    /// <summary>Levels of brackets, calls, signs and exponents, and of operators in a row (a + b + c is two).</summary>
    public const int MaxDepth = 200;

    public const string TooDeep = "the expression nests more than 200 levels deep";
    public const string TooDeepHint = "split it into steps under compute: (each step a name the next can use); a long sum of terms can be written sum([a, b, c])";

    /// <summary>
    /// The tree depth, measured without recursion: a long chain such as x + x + ... + x is parsed by a loop but
    /// is still a tree as deep as it is long.
    /// </summary>
    public static void CheckDepth(Expr root, ExprSource source)
    {
        var stack = new Stack<(Expr Node, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > MaxDepth)
            {
                throw new ExprException(source.LocationOf(Offset(node)), TooDeep, TooDeepHint);
            }
            foreach (var child in Children(node))
            {
                stack.Push((child, depth + 1));
            }
        }
    }

    /// <summary>The node's operator for a binary node (where a chain gets too long), else its start.</summary>
    private static int Offset(Expr node) => node is BinaryExpr b ? Math.Max(b.Left.End, b.Start) : node.Start;

    /// <summary>The direct children of a node.</summary>
    public static IReadOnlyList<Expr> Children(Expr e) => e switch
    {
        ListExpr l => l.Items,
        UnaryExpr u => [u.Operand],
        BinaryExpr b => [b.Left, b.Right],
        CallExpr c => c.Args,
        IndexExpr x => [x.Target, .. x.Indices],
        NamedArgExpr n => [n.Value],
        SliceExpr r => new[] { r.From, r.To, r.Step }.OfType<Expr>().ToList(),
        GradScaleExpr g => [g.Inner],
        ShieldExpr s => [s.Inner],
        _ => [],
    };

    /// <summary>Every node of the tree, parents before children, without recursion.</summary>
    public static IEnumerable<Expr> Walk(Expr root)
    {
        var stack = new Stack<Expr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            var children = Children(node);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>A long expression shortened for a message.</summary>
    public static string Short(string text, int max = 60) => text.Length <= max ? text : text[..(max - 3)] + "...";
}
