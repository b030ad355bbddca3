using System.Text;
using Grader.Engine;
using Grader.Problems.Model;
using Grader.Problems.Solving;

namespace Grader.Grading.Reports;

/// <summary>
/// A student's handout in Markdown: the problem with the student's own numbers (per-student givens drawn for them),
/// and what each part asks for. Never an answer, a step (the steps are the solution) or a hidden case.
/// </summary>
public static class Handout
{
    public static string Write(Problem spec, string? student)
    {
        var p = Variants.ForStudent(spec, student ?? "");
        var shapes = ReferenceSolver.Solve(p).ToDictionary(s => s.Part.Id, s => s.Expected?.Shape);
        var md = new StringBuilder();
        md.AppendLine($"# {Escape.Markdown(p.Title)}").AppendLine();
        md.AppendLine($"Problem `{p.Id}`, {Points(p.Points)}" + (student is null ? "." : $", for {Escape.Markdown(student)}.")
            + $" Submit `{p.Id}.csx`.").AppendLine();
        if (p.Description is { Length: > 0 } d)
        {
            md.AppendLine(Escape.Markdown(d)).AppendLine();
        }
        if (spec.HasVariants)
        {
            md.AppendLine(student is null
                ? "Some numbers are drawn for each student: this is the copy of no student (`--student <name>` gives a student's)."
                : "Some of these numbers are yours alone: the grader checks your answers against them.").AppendLine();
        }
        md.AppendLine("## Given").AppendLine();
        foreach (var g in p.Givens.Where(g => g.Literal is not null))
        {
            md.AppendLine($"- `{g.Name}` = {Value(g.Literal!)}" + (spec.Givens.First(x => x.Name == g.Name).Draw is not null ? " (your own)" : ""));
        }
        var drawnByExpression = p.Givens.Where(g => g.Expression is not null).Select(g => $"`{g.Name}`").ToList();
        if (drawnByExpression.Count > 0)
        {
            md.AppendLine($"- {string.Join(", ", drawnByExpression)}: computed by the grader (see the problem statement)");
        }
        md.AppendLine().AppendLine("## Parts").AppendLine();
        foreach (var part in p.Parts)
        {
            md.AppendLine($"### {part.Id} ({Points(part.Points)}{(part.Hidden ? ", hidden: graded as a score only" : "")})").AppendLine();
            if (part.Prompt is { Length: > 0 } prompt)
            {
                md.AppendLine(Escape.Markdown(prompt)).AppendLine();
            }
            md.AppendLine(part.Kind switch
            {
                PartKind.Implement => $"Implement `{part.Implement}`: it is called on the given values and on cases you do not see.",
                PartKind.Property => "Answer " + string.Join(", ", part.Submit.Select(s => $"`Answer(\"{part.Id}.{s.Key}\", ...)` shaped {Tensor.FormatShape(s.Value)}")) + ".",
                _ => $"Answer with `Answer(\"{part.Id}\", value)`, a value shaped {Tensor.FormatShape(shapes[part.Id] ?? [])}.",
            }).AppendLine();
        }
        return md.ToString();
    }

    private static string Points(double x) => x == 1 ? "1 point" : $"{Number(x)} points";

    private static string Number(double x) => x.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static string Value(Tensor t) => t.Rank switch
    {
        0 => Tensor.FormatNumber(t[0]),
        1 => "`[" + string.Join(", ", t.ToArray().Select(Tensor.FormatNumber)) + "]`",
        _ => "`[" + string.Join(", ", Enumerable.Range(0, t.Rows).Select(i => "[" + string.Join(", ", Enumerable.Range(0, t.Cols).Select(j => Tensor.FormatNumber(t[i, j]))) + "]")) + "]`",
    };
}
