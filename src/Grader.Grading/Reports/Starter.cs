using System.Text;
using Grader.Engine;
using Grader.Problems.Model;
using Grader.Problems.Release;

namespace Grader.Grading.Reports;

/// <summary>
/// A student's starter script (<c>&lt;id&gt;.csx</c> in the kit): it compiles as it is, names every part with its
/// prompt and the shape of its answer, has each <c>Answer</c> call written out but commented (a part left so is
/// reported as still to answer), and declares every method to implement with its exact signature (throwing
/// <see cref="NotImplementedException"/> until written).
/// </summary>
public static class Starter
{
    /// <summary>Values up to this many numbers are written out as a template of zeros; larger ones as an allocation.</summary>
    private const int WrittenOut = 16;

    public static string Write(PublicSpec p)
    {
        var cs = new StringBuilder();
        cs.AppendLine($"// {Comment(p.Title)} ({p.Id}): your answers. Check them offline before you submit:");
        cs.AppendLine($"//   grader check {p.Id}.public.yaml {p.Id}.csx" + (p.HasVariants ? " --student <your name>" : ""));
        cs.AppendLine("// Values are double, int, double[], double[,] (rows first) or double[][]; see the handout " + $"{p.Id}.md.");
        if (HasAxes3(p))
        {
            cs.AppendLine("// A value of 3 or more axes is a double[,,] (double[,,,], ...) or a jagged double[][][] (...) of the same shape, the last");
            cs.AppendLine("// index varying fastest: x.GetLength(k) is the length of axis k of a double[,,], x[n, c, i, j] an element of a double[,,,].");
        }
        if (p.HasVariants)
        {
            cs.AppendLine($"// Some givens are your own numbers: grader render {p.Id}.public.yaml --student <your name> prints them.");
        }
        cs.AppendLine("#load \"grader.csx\" // for your editor only (Answer's declaration); the grader ignores it");
        // What the grader imports anyway, written out for an editor (a #load's usings do not reach the script).
        cs.AppendLine("using System;").AppendLine("using System.Collections.Generic;").AppendLine("using System.Linq;");
        foreach (var part in p.Parts)
        {
            cs.AppendLine();
            cs.AppendLine($"// {part.Id} ({part.Points:0.##} point{(part.Points == 1 ? "" : "s")}{(part.Hidden ? ", hidden" : "")})" + (part.Prompt is { Length: > 0 } prompt ? $": {Comment(prompt)}" : ""));
            switch (part.Kind)
            {
                case PartKind.Answer:
                    var shape = part.Shape ?? [];
                    cs.AppendLine($"// A value shaped {Tensor.FormatShape(shape)}{Described(shape)}. Uncomment and fill in:");
                    cs.AppendLine($"// Answer(\"{part.Id}\", {Template(shape)});");
                    break;
                case PartKind.Property:
                    cs.AppendLine("// Values of your choice that satisfy the part's condition. Uncomment and fill in:");
                    foreach (var (name, s) in part.Submit)
                    {
                        cs.AppendLine($"// Answer(\"{part.Id}.{name}\", {Template(s)}); // shaped {Tensor.FormatShape(s)}");
                    }
                    break;
                default:
                    var sig = part.Implement!;
                    cs.AppendLine($"// A method with exactly this signature" + (part.Shape is { } result ? $"; at the given values it returns a value shaped {Tensor.FormatShape(result)}" : "") + ".");
                    foreach (var prm in sig.Parameters.Where(x => MethodSignature.Types[x.Type] >= 3))
                    {
                        var given = p.Givens.FirstOrDefault(g => g.Name == prm.Name)?.Shape;
                        var lengths = prm.Type.Contains(',', StringComparison.Ordinal)
                            ? $"{prm.Name}.GetLength(0) to {prm.Name}.GetLength({MethodSignature.Types[prm.Type] - 1}) are the lengths of its axes"
                            : $"{prm.Name}.Length, {prm.Name}[0].Length, ... are the lengths of its axes";
                        cs.AppendLine($"// {prm.Name} is a {prm.Type}" + (given is null ? "" : $", shaped {Tensor.FormatShape(given)} at the given values") + $": {lengths}.");
                    }
                    cs.AppendLine($"{sig}");
                    cs.AppendLine("{");
                    cs.AppendLine($"    throw new NotImplementedException(\"{sig.Name}\");");
                    cs.AppendLine("}");
                    break;
            }
        }
        return cs.ToString();
    }

    /// <summary>
    /// The declarations a C# editor needs to know a script's globals (<c>grader.csx</c> beside the starters): the
    /// grader gives scripts <c>Answer</c> itself, and drops a <c>#load</c> of this file.
    /// </summary>
    public const string Globals = """
        // Declarations for your editor only: the grader gives every script Answer itself, and ignores
        // `#load "grader.csx"`. Do not change this file; it is not submitted.

        /// <summary>Gives the grader your answer to a part: a double, int, double[], double[,] or double[][] (with more axes double[,,] or double[][][], ...).</summary>
        static void Answer(string partId, object value) { }
        """;

    private static string Described(int[] shape) => shape.Length switch
    {
        0 => " (a number)",
        1 => $" (a vector: double[{shape[0]}])",
        2 => $" (a matrix: double[{shape[0]}, {shape[1]}], rows first)",
        _ => $" ({shape.Length} axes: new double[{string.Join(", ", shape)}], or a {MethodSignature.JaggedTypeOfRank(shape.Length)} of the same shape)",
    };

    /// <summary>Whether some part asks for a value, or a method takes or returns one, of 3 or more axes.</summary>
    private static bool HasAxes3(PublicSpec p) => p.Parts.Any(part =>
        part.Shape is { Length: >= 3 } || part.Submit.Any(s => s.Value.Length >= 3)
        || part.Implement is { } sig && sig.Parameters.Select(x => x.Type).Append(sig.ReturnType).Any(t => MethodSignature.Types[t] >= 3));

    /// <summary>A C# value of this shape, written out as zeros when small, else allocated.</summary>
    private static string Template(int[] shape)
    {
        var size = shape.Aggregate(1, (a, b) => a * b);
        if (shape.Length == 0)
        {
            return "0.0";
        }
        if (size > WrittenOut || shape.Length > 2)
        {
            return $"new double[{string.Join(", ", shape)}]";
        }
        string Row(int n) => "{ " + string.Join(", ", Enumerable.Repeat("0.0", n)) + " }";
        return shape.Length == 1 ? $"new double[] {Row(shape[0])}" : "new double[,] { " + string.Join(", ", Enumerable.Repeat(Row(shape[1]), shape[0])) + " }";
    }

    /// <summary>An instructor's text on one comment line: line breaks and control characters become spaces.</summary>
    private static string Comment(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }
        return sb.ToString().Trim();
    }
}
