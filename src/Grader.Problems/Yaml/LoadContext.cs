using System.Globalization;
using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Yaml;

/// <summary>The file being loaded and the errors found so far; helpers that read typed values from nodes.</summary>
internal sealed class LoadContext(string file)
{
    public string File { get; } = file;
    public List<SpecError> Errors { get; } = [];

    /// <summary>Names whose definition had an error already reported: their uses are not reported again.</summary>
    public HashSet<string> Broken { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Givens, steps and functions (by name) and parts (by index) with an error of their own: the evaluation leaves them,
    /// and what uses them, out (<see cref="Cascade.Independent"/>).
    /// </summary>
    public HashSet<string> Faulty { get; } = new(StringComparer.Ordinal);

    public HashSet<int> FaultyParts { get; } = [];

    /// <summary>The spec's evaluation limits (its <c>limits:</c>, read before anything they bound).</summary>
    public EvalLimits Limits { get; set; } = EvalLimits.Default;

    public void Error(SourceLocation at, string message, string? hint = null) => Errors.Add(new SpecError(at, message, hint));

    public MappingReader? Mapping(YamlNode? node, string what, IReadOnlyCollection<string> keys, bool allowOtherKeys = false)
    {
        if (node is YamlMapping m)
        {
            return new MappingReader(this, m, what, keys, allowOtherKeys);
        }
        if (node is not null)
        {
            Error(node.Location, $"{what} must be a mapping of keys to values", $"valid keys: {string.Join(", ", keys)}");
        }
        return null;
    }

    /// <summary>A plain scalar holding a finite number (1e400, NaN and infinities are not numbers here).</summary>
    public static bool TryNumber(YamlScalar s, out double value)
    {
        value = 0;
        return !s.Quoted && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>YAML's and .NET's spellings of NaN and the infinities.</summary>
    private static bool IsSpecialFloat(string v) =>
        v.TrimStart('+', '-') is ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "NaN" or "Infinity" or "\u221E";

    /// <summary>An expression: a scalar parsed where it stands, or a YAML list read as a vector/matrix of expressions.</summary>
    public Expr? Expression(YamlNode? node, string what)
    {
        switch (node)
        {
            case null:
            case YamlSkipped:
                return null;
            case YamlScalar { Quoted: false } s when IsSpecialFloat(s.Value.Trim()):
                Error(s.Location, $"`{s.Value.Trim()}` is not a finite number: {what} must be finite",
                    "a value that is NaN or infinite cannot be graded; write a finite number");
                return null;
            case YamlScalar s:
                try
                {
                    return Parser.Parse(s.Value, s.ValueStart);
                }
                catch (ExprException ex)
                {
                    Errors.Add(ex.ToSpecError());
                    return null;
                }
            case YamlSequence seq:
                var items = seq.Items.Select(i => Expression(i, what)).ToList();
                if (items.Any(i => i is null))
                {
                    return null;
                }
                var text = "[" + string.Join(", ", items.Select(i => i!.Text)) + "]";
                return new ListExpr(items!, 0, text.Length) { Source = new ExprSource(text, seq.Location) };
            default:
                Error(node.Location, $"{what} must be an expression, not a mapping", "write a formula such as sum((Y - yhat)^2)");
                return null;
        }
    }

    /// <summary>A literal number, vector, matrix or value of more axes (up to <see cref="Tensor.MaxRank"/>) written as YAML numbers and nested lists.</summary>
    public Tensor? Literal(YamlNode node, string what)
    {
        switch (node)
        {
            case YamlScalar s when TryNumber(s, out var x):
                return Tensor.Scalar(x);
            case YamlSequence seq when seq.Items.All(i => i is YamlScalar):
                var values = new List<double>();
                foreach (YamlScalar item in seq.Items)
                {
                    if (!TryNumber(item, out var v))
                    {
                        return null;
                    }
                    values.Add(v);
                }
                return Tensor.Vector([.. values]);
            case YamlSequence seq when seq.Items.Count > 0 && seq.Items.All(i => i is YamlSequence):
                var errorsBefore = Errors.Count;
                var rows = seq.Items.Select(r => Literal(r, what)).ToList();
                if (Errors.Count > errorsBefore)
                {
                    // A row was refused and said so: once is enough.
                    return Tensor.Zeros([0]);
                }
                if (rows.Any(r => r is null) || rows.Any(r => r!.Rank != rows[0]!.Rank) || rows[0]!.Rank is 0 or >= Tensor.MaxRank)
                {
                    return null;
                }
                if (rows[0]!.Rank >= 2)
                {
                    // A value of 3 or more axes: a list of blocks of one shape.
                    var inner = rows[0]!.Shape;
                    if (rows.FirstOrDefault(r => !r!.Shape.SequenceEqual(inner)) is { } other)
                    {
                        Error(node.Location, $"{what}: the entries of a value of {inner.Count + 1} axes must all have one shape, got {Tensor.FormatShape(inner)} and {Tensor.FormatShape(other.Shape)}",
                            "check for a missing or extra entry in one row");
                        return Tensor.Zeros([0]);
                    }
                    return new Tensor([rows.Count, .. inner], rows.SelectMany(r => r!.ToArray()).ToArray());
                }
                var width = rows[0]!.Size;
                if (rows.Any(r => r!.Size != width))
                {
                    Error(node.Location, $"{what}: the rows of a matrix must have the same length, got {string.Join(", ", rows.Select(r => r!.Size))}",
                        "check for a missing or extra entry in one row");
                    return Tensor.Zeros([0]);
                }
                return new Tensor([rows.Count, width], rows.SelectMany(r => r!.ToArray()).ToArray());
            default:
                return null;
        }
    }
}
