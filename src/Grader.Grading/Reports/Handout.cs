using System.Text;
using Grader.Engine;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Release;
using Grader.Problems.Solving;

namespace Grader.Grading.Reports;

/// <summary>
/// A student's handout in Markdown: the problem with the student's own numbers (per-student givens drawn for them),
/// and what each part asks for. Written from the public side of the problem (<see cref="PublicSpec"/>), so it can
/// hold nothing a student's kit does not: never an answer, a step (the steps are the solution) or a hidden case.
/// </summary>
public static class Handout
{
    public static string Write(Problem spec, string? student) => Write(PublicSpecBuilder.Build(spec).Spec, student);

    public static string Write(PublicSpec p, string? student)
    {
        var drawn = Variants.Draw(p.Id, student ?? "", p.Givens.Select(g => g.Draw));
        var md = new StringBuilder();
        md.AppendLine($"# {Escape.Markdown(p.Title)}").AppendLine();
        md.AppendLine($"Problem `{p.Id}`, {Points(p.Points)}" + (student is null ? "." : $", for {Escape.Markdown(student)}.")
            + $" Submit `{p.Id}.csx`.").AppendLine();
        if (p.Description is { Length: > 0 } d)
        {
            md.AppendLine(Paragraphs(d)).AppendLine();
        }
        if (p.HasVariants)
        {
            md.AppendLine(student is null
                ? "Some numbers are drawn for each student: this is the copy of no student (`--student <name>` gives a student's)."
                : "Some of these numbers are yours alone: the grader checks your answers against them.").AppendLine();
        }
        foreach (var (heading, lines) in new[] { ("Functions", p.Functions), ("Network", p.Network) }.Where(x => x.Item2.Count > 0))
        {
            md.AppendLine($"## {heading}").AppendLine();
            foreach (var line in lines)
            {
                md.AppendLine(heading == "Functions" ? $"- `{line.Replace('`', '\'')}`" : $"- {line}");
            }
            md.AppendLine();
        }
        if (p.Givens.Count > 0)
        {
            md.AppendLine("## Given").AppendLine();
        }
        for (var i = 0; i < p.Givens.Count; i++)
        {
            var g = p.Givens[i];
            if (drawn[i] is null && g.Value is { Rank: >= 3 } big)
            {
                // A value of 3 or more axes as its blocks (bounded); the public file has every number.
                md.AppendLine($"- `{g.Name}`, shaped {Tensor.FormatShape(big.Shape)} (every number of it is in `{p.Id}.public.yaml`):").AppendLine();
                md.AppendLine(string.Join("\n", Escape.MarkdownBlock(ValueText.Layout(big)).Split('\n').Select(line => "  " + line))).AppendLine();
                continue;
            }
            md.AppendLine(drawn[i] is { } mine ? $"- `{g.Name}` = {Value(mine)} (your own)"
                : g.Value is { } v ? $"- `{g.Name}` = {Value(v)}"
                : $"- `{g.Name}`, shaped {Tensor.FormatShape(g.Shape)}: computed by the grader from your own numbers");
        }
        md.AppendLine(p.Givens.Count > 0 ? "\n## Parts\n" : "## Parts\n");
        foreach (var part in p.Parts)
        {
            md.AppendLine($"### {Escape.Markdown(part.Id)} ({Points(part.Points)}{(part.Hidden ? ", hidden: graded as a score only" : "")})").AppendLine();
            if (part.Prompt is { Length: > 0 } prompt)
            {
                md.AppendLine(Paragraphs(prompt)).AppendLine();
            }
            md.AppendLine(part.Kind switch
            {
                PartKind.Implement => $"Implement `{part.Implement}`: it is called on the given values and on cases you do not see"
                    + (part.Examples.Count > 0 ? $"; {part.Examples.Count} public example(s) are in `{p.Id}.public.yaml` and `grader check` runs them." : "."),
                PartKind.Property => "Answer " + string.Join(", ", part.Submit.Select(s => $"`Answer(\"{part.Id}.{s.Key}\", ...)` shaped {Tensor.FormatShape(s.Value)}")) + ".",
                _ => $"Answer with `Answer(\"{part.Id}\", value)`, " + (part.Shape is { Length: > 0 } shape ? $"a value shaped {Tensor.FormatShape(shape)}." : "a number."),
            }).AppendLine();
        }
        return md.ToString();
    }

    /// <summary>
    /// An instructor's text as Markdown: each line escaped, a line break kept where the text has one (a YAML block
    /// written with <c>|</c>), a blank line between paragraphs; never a literal <c>\n</c>.
    /// </summary>
    private static string Paragraphs(string text)
    {
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n').Split("\n\n");
        return string.Join("\n\n", paragraphs.Select(para => string.Join("  \n", para.Split('\n').Select(Escape.Markdown))));
    }

    private static string Points(double x) => x == 1 ? "1 point" : $"{Number(x)} points";

    private static string Number(double x) => x.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A value as nested lists, every number as a report prints it.</summary>
    private static string Value(Tensor t) => t.Rank == 0 ? Tensor.FormatNumber(t[0]) : $"`{PublicSpecWriter.Nested(t, Tensor.FormatNumber)}`";
}
