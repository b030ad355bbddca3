using System.Globalization;

namespace Grader.Problems.Expressions;

/// <summary>
/// Parses the spec expression language. Precedence, lowest first: comparisons (&lt; &lt;= &gt; &gt;= == !=);
/// + and -; *, / and @; unary minus; ^ (right-associative, so -x^2 = -(x^2)); calls and indexing.
/// Names may contain dots (hidden.z) to reach the steps a network block defines.
/// </summary>
public sealed partial class Parser
{
    private readonly ExprSource _source;
    private readonly string _text;
    private int _pos;
    private int _depth;

    private Parser(ExprSource source)
    {
        _source = source;
        _text = source.Text;
    }

    public static Expr Parse(string text, SourceLocation start) => Parse(new ExprSource(text, start));

    public static Expr Parse(ExprSource source)
    {
        var parser = new Parser(source);
        parser.SkipSpace();
        if (parser.AtEnd)
        {
            throw parser.Error(0, "the expression is empty", "write a value or a formula, e.g. sum((Y - yhat)^2)");
        }
        var expr = parser.ParseComparison();
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw parser.Error(parser._pos, $"unexpected '{parser._text[parser._pos]}' after a complete expression",
                LookAlike.Hint(parser._text, parser._pos) ?? "check for a missing operator or an extra bracket");
        }
        ExprLimits.CheckDepth(expr, source);
        return WithSource(expr, source);
    }

    private static Expr WithSource(Expr e, ExprSource s) => e switch
    {
        ListExpr l => l with { Items = l.Items.Select(i => WithSource(i, s)).ToList(), Source = s },
        UnaryExpr u => u with { Operand = WithSource(u.Operand, s), Source = s },
        BinaryExpr b => b with { Left = WithSource(b.Left, s), Right = WithSource(b.Right, s), Source = s },
        CallExpr c => c with { Args = c.Args.Select(a => WithSource(a, s)).ToList(), Source = s },
        IndexExpr x => x with { Target = WithSource(x.Target, s), Indices = x.Indices.Select(i => WithSource(i, s)).ToList(), Source = s },
        NamedArgExpr n => n with { Value = WithSource(n.Value, s), Source = s },
        SliceExpr r => r with
        {
            From = r.From is null ? null : WithSource(r.From, s),
            To = r.To is null ? null : WithSource(r.To, s),
            Step = r.Step is null ? null : WithSource(r.Step, s),
            Source = s,
        },
        _ => e with { Source = s },
    };

    private bool AtEnd => _pos >= _text.Length;

    private ExprException Error(int offset, string message, string? hint = null) =>
        new(_source.LocationOf(offset), message, hint);

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private bool Accept(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0)
        {
            _pos += token.Length;
            return true;
        }
        return false;
    }

    private void Expect(string token, string context)
    {
        if (!Accept(token))
        {
            var found = AtEnd ? "the end of the expression" : $"'{_text[_pos]}'";
            throw Error(_pos, $"expected '{token}' {context}, found {found}", LookAlike.Hint(_text, _pos) ?? $"add the missing '{token}'");
        }
    }

    private Expr ParseComparison()
    {
        var left = ParseAdditive();
        foreach (var op in new[] { "<=", ">=", "==", "!=", "<", ">" })
        {
            SkipSpace();
            if (Accept(op))
            {
                var right = ParseAdditive();
                return new BinaryExpr(op, left, right, left.Start, right.End);
            }
        }
        return left;
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            string? op = Accept("+") ? "+" : Accept("-") ? "-" : null;
            if (op is null)
            {
                return left;
            }
            var right = ParseMultiplicative();
            left = new BinaryExpr(op, left, right, left.Start, right.End);
        }
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            string? op = Accept("*") ? "*" : Accept("/") ? "/" : Accept("@") ? "@" : null;
            if (op is null)
            {
                return left;
            }
            var right = ParseUnary();
            left = new BinaryExpr(op, left, right, left.Start, right.End);
        }
    }

    private Expr ParseUnary()
    {
        SkipSpace();
        // Every nesting (brackets, calls, unary signs, exponents) passes here: bound it before the stack runs out.
        if (++_depth > ExprLimits.MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(_pos, ExprLimits.TooDeep, ExprLimits.TooDeepHint);
        }
        try
        {
            var start = _pos;
            if (Accept("-"))
            {
                var operand = ParseUnary();
                return new UnaryExpr("-", operand, start, operand.End);
            }
            if (Accept("+"))
            {
                return ParseUnary();
            }
            return ParsePower();
        }
        finally
        {
            _depth--;
        }
    }

    private Expr ParsePower()
    {
        var baseExpr = ParsePostfix();
        if (Accept("^") || Accept("**"))
        {
            // Right-associative, and binds tighter than unary minus on its left: -x^2 = -(x^2), 2^-1 = 0.5.
            var exponent = ParseUnary();
            return new BinaryExpr("^", baseExpr, exponent, baseExpr.Start, exponent.End);
        }
        return baseExpr;
    }

    private Expr ParsePostfix()
    {
        var expr = ParsePrimary();
        while (true)
        {
            SkipSpace();
            if (!AtEnd && _text[_pos] == '[')
            {
                // h[t=3]: a recurrence's iterate, one name (Parser.Iterates.cs).
                if (expr is NameExpr target && !target.Name.EndsWith(']') && TryIterate(target) is { } iterate)
                {
                    expr = iterate;
                    continue;
                }
                _pos++;
                var indices = ParseList("]", "to close the index", ParseIndexItem);
                expr = new IndexExpr(expr, indices, expr.Start, _pos);
                continue;
            }
            return expr;
        }
    }

    private List<Expr> ParseList(string close, string context, Func<Expr>? item = null)
    {
        var items = new List<Expr>();
        if (Accept(close))
        {
            return items;
        }
        while (true)
        {
            items.Add(item is null ? ParseComparison() : item());
            if (Accept(close))
            {
                return items;
            }
            Expect(",", $"between items or '{close}' {context}");
        }
    }

    /// <summary>A call argument: an expression, or <c>name: expression</c> (a named argument such as axis: 1).</summary>
    private Expr ParseArgument()
    {
        SkipSpace();
        var start = _pos;
        if (!AtEnd && (char.IsLetter(_text[_pos]) || _text[_pos] == '_'))
        {
            var name = ParseName();
            SkipSpace();
            if (!AtEnd && _text[_pos] == ':')
            {
                _pos++;
                var value = ParseComparison();
                return new NamedArgExpr(name, value, start, value.End);
            }
            _pos = start;
        }
        return ParseComparison();
    }

    /// <summary>An index: an expression, or a range <c>from:to</c> with either bound left out.</summary>
    private Expr ParseIndexItem()
    {
        SkipSpace();
        var start = _pos;
        Expr? from = null;
        if (AtEnd || _text[_pos] != ':')
        {
            from = ParseComparison();
            SkipSpace();
            if (AtEnd || _text[_pos] != ':')
            {
                return from;
            }
        }
        _pos++;
        SkipSpace();
        var to = !AtEnd && _text[_pos] is not (',' or ']' or ':') ? ParseComparison() : null;
        SkipSpace();
        Expr? step = null;
        if (!AtEnd && _text[_pos] == ':')
        {
            _pos++;
            SkipSpace();
            step = !AtEnd && _text[_pos] is not (',' or ']') ? ParseComparison() : null;
        }
        return new SliceExpr(from, to, start, step?.End ?? to?.End ?? _pos, step);
    }

    private Expr ParsePrimary()
    {
        SkipSpace();
        var start = _pos;
        if (AtEnd)
        {
            throw Error(_pos, "the expression ends where a value was expected", "complete the expression");
        }
        var c = _text[_pos];
        if (char.IsDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsDigit(_text[_pos + 1])))
        {
            return ParseNumber();
        }
        if (char.IsLetter(c) || c == '_')
        {
            var name = ParseName();
            SkipSpace();
            if (!AtEnd && _text[_pos] == '(')
            {
                _pos++;
                var args = ParseList(")", $"to close the call of {name}", ParseArgument);
                return new CallExpr(name, args, start, _pos);
            }
            return new NameExpr(name, start, _pos);
        }
        if (c == '(')
        {
            _pos++;
            var inner = ParseComparison();
            Expect(")", "to close '('");
            return inner;
        }
        if (c == '[')
        {
            _pos++;
            var items = ParseList("]", "to close the vector");
            return new ListExpr(items, start, _pos);
        }
        if (c is '\'' or '"')
        {
            var close = _text.IndexOf(c, _pos + 1);
            if (close < 0)
            {
                throw Error(_pos, "a quoted string is not closed", $"close it with {c}: approximate: 'tanh'");
            }
            _pos = close + 1;
            return new StringExpr(_text[(start + 1)..close], start, _pos);
        }
        throw Error(_pos, $"unexpected '{c}'", LookAlike.Hint(_text, _pos) ?? "a value is a number, a name, a call such as sigmoid(x), or a vector [a, b]");
    }

    private string ParseName()
    {
        var start = _pos;
        while (true)
        {
            while (!AtEnd && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }
            // A dot continues a name only when a letter follows: hidden.z, out.yhat.
            if (_pos + 1 < _text.Length && _text[_pos] == '.' && (char.IsLetter(_text[_pos + 1]) || _text[_pos + 1] == '_'))
            {
                _pos++;
                continue;
            }
            return _text[start.._pos];
        }
    }

    private NumberExpr ParseNumber()
    {
        var start = _pos;
        while (!AtEnd && (char.IsDigit(_text[_pos]) || _text[_pos] == '.'))
        {
            _pos++;
        }
        if (!AtEnd && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            var save = _pos;
            _pos++;
            if (!AtEnd && (_text[_pos] == '+' || _text[_pos] == '-'))
            {
                _pos++;
            }
            if (AtEnd || !char.IsDigit(_text[_pos]))
            {
                _pos = save;
            }
            while (!AtEnd && char.IsDigit(_text[_pos]))
            {
                _pos++;
            }
        }
        var s = _text[start.._pos];
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(start, $"'{s}' is not a number", "write numbers like 3, 0.5 or 1e-3");
        }
        if (!double.IsFinite(value))
        {
            throw Error(start, $"`{ExprLimits.Short(s)}` is beyond the range of float64 numbers (about 1.8e308)", "a value that is infinite cannot be graded; write a finite number");
        }
        return new NumberExpr(value, start, _pos);
    }
}
