using System.Globalization;
using System.Text;
using System.Text.Json;
using Grader.Engine;
using Grader.Problems.Model;

namespace Grader.Problems.Release;

/// <summary>
/// Writes a <see cref="PublicSpec"/> as YAML (<c>&lt;id&gt;.public.yaml</c>): text as JSON strings (valid YAML,
/// nothing an instructor wrote can change the file's structure), numbers at full precision.
/// </summary>
public static class PublicSpecWriter
{
    public static string Write(PublicSpec p)
    {
        var y = new StringBuilder();
        y.AppendLine(CultureInfo.InvariantCulture, $"# The public side of problem {p.Id}, made by `grader assign`: what `grader check {p.Id}.public.yaml {p.Id}.csx`");
        y.AppendLine("# needs to pre-check a submission. It holds no answer: value parts are graded when you submit.");
        y.AppendLine(CultureInfo.InvariantCulture, $"public: {PublicSpec.FormatVersion}");
        y.AppendLine($"id: {Text(p.Id)}");
        y.AppendLine($"title: {Text(p.Title)}");
        if (p.Description is not null)
        {
            y.AppendLine($"description: {Text(p.Description)}");
        }
        y.AppendLine($"points: {Number(p.Points)}");
        foreach (var (key, lines) in new[] { ("functions", p.Functions), ("network", p.Network) }.Where(x => x.Item2.Count > 0))
        {
            y.AppendLine($"{key}:");
            foreach (var line in lines)
            {
                y.AppendLine($"  - {Text(line)}");
            }
        }
        var known = p.Givens.Where(g => g.Value is not null || g.Draw is not null).ToList();
        if (known.Count > 0)
        {
            y.AppendLine("given:");
            foreach (var g in known)
            {
                y.AppendLine($"  {g.Name}: {(g.Draw is { } d ? Draw(d) : Value(g.Value!))}");
            }
        }
        var computed = p.Givens.Where(g => g.Value is null && g.Draw is null).ToList();
        if (computed.Count > 0)
        {
            y.AppendLine("# computed by the grader from each student's own numbers: their shapes");
            y.AppendLine("computed_per_student:");
            foreach (var g in computed)
            {
                y.AppendLine($"  {g.Name}: {Shape(g.Shape)}");
            }
        }
        y.AppendLine("parts:");
        foreach (var part in p.Parts)
        {
            y.AppendLine($"  - id: {Text(part.Id)}");
            y.AppendLine($"    kind: {KindName(part.Kind)}");
            y.AppendLine($"    points: {Number(part.Points)}");
            if (part.Prompt is not null)
            {
                y.AppendLine($"    prompt: {Text(part.Prompt)}");
            }
            if (part.Hidden)
            {
                y.AppendLine("    hidden: true");
            }
            if (part.Implement is { } sig)
            {
                y.AppendLine($"    implement: {Text(sig.ToString())}");
            }
            if (part.Shape is { } shape)
            {
                y.AppendLine($"    shape: {Shape(shape)}");
            }
            if (part.Submit.Count > 0)
            {
                y.AppendLine($"    submit: {{ {string.Join(", ", part.Submit.Select(s => $"{s.Key}: {Shape(s.Value)}"))} }}");
            }
            if (part.Examples.Count > 0)
            {
                y.AppendLine("    examples:");
                foreach (var e in part.Examples)
                {
                    y.AppendLine($"      - inputs: {{ {string.Join(", ", e.Inputs.Select(kv => $"{kv.Key}: {Value(kv.Value)}"))} }}");
                    y.AppendLine($"        expected: {Value(e.Expected)}");
                    y.AppendLine($"        tolerance: {Tolerance(e.Tolerance)}");
                }
            }
        }
        return y.ToString();
    }

    /// <summary>The word the file uses for a part's kind: value, method or values.</summary>
    public static string KindName(PartKind kind) => kind switch
    {
        PartKind.Implement => "method",
        PartKind.Property => "values",
        _ => "value",
    };

    private static string Text(string s) => JsonSerializer.Serialize(s, TextOptions);

    private static readonly JsonSerializerOptions TextOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Shape(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";

    private static string Draw(VariantDraw d) =>
        $"{{ {d.Kind}: [{Number(d.A)}, {Number(d.B)}], shape: {Shape(d.Shape)}" + (d.Round is { } r ? $", round: {r}" : "") + " }";

    private static string Tolerance(Tolerance t) =>
        t.Sigfigs is { } d ? $"{{ sigfigs: {d} }}" : $"{{ rel: {Number(t.Rel)}, abs: {Number(t.Abs)} }}";

    /// <summary>A value as nested flow lists, row-major, every number at full precision.</summary>
    public static string Value(Tensor t) => Nested(t, Number);

    /// <summary>A value as nested lists (<c>[[1, 2], [3, 4]]</c>, a number alone for rank 0), each number as <paramref name="number"/> writes it.</summary>
    public static string Nested(Tensor t, Func<double, string> number)
    {
        var sb = new StringBuilder();
        var shape = t.Shape;
        var data = t.ToArray();
        var at = 0;
        void Write(int axis)
        {
            if (axis == shape.Count)
            {
                sb.Append(number(data[at++]));
                return;
            }
            sb.Append('[');
            for (var i = 0; i < shape[axis]; i++)
            {
                sb.Append(i == 0 ? "" : ", ");
                Write(axis + 1);
            }
            sb.Append(']');
        }
        Write(0);
        return sb.ToString();
    }
}
