using Grader.Engine;
using Grader.Problems.Expressions;
using Grader.Problems.Model;
using Grader.Problems.Release;

namespace Grader.Problems.Yaml;

/// <summary>
/// Reads a kit's <c>&lt;id&gt;.public.yaml</c> (<see cref="PublicSpecWriter"/> writes it). Every error at once, with
/// file:line:column; a file with any error gives no <see cref="PublicSpec"/>.
/// </summary>
public static class PublicSpecLoader
{
    private static readonly string[] TopKeys = ["public", "id", "title", "description", "points", "functions", "network", "given", "computed_per_student", "parts"];
    private static readonly string[] PartKeys = ["id", "kind", "points", "prompt", "hidden", "implement", "shape", "submit", "examples"];

    /// <summary>Whether <paramref name="text"/> is a public file (its top holds <c>public:</c>) rather than an instructor's spec.</summary>
    public static bool IsPublic(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("public:", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    public static (PublicSpec? Spec, IReadOnlyList<SpecError> Errors) Load(string file, string text)
    {
        // Its submitted shapes come from a validated spec, which may have raised its limits up to the ceilings.
        var ctx = new LoadContext(file) { Limits = EvalLimits.Ceiling };
        var root = YamlReader.Read(file, text, ctx.Errors);
        var top = root is null ? null : ctx.Mapping(root, "the public file", TopKeys);
        if (top is null)
        {
            return (null, ctx.Errors);
        }
        var version = top.Integer("public", 1, int.MaxValue, "public: 1");
        if (version is > PublicSpec.FormatVersion)
        {
            ctx.Error(top.Node("public")!.Location, $"this file is of format {version}, newer than this grader reads ({PublicSpec.FormatVersion})",
                "install the grader from the same kit as the file (dotnet tool update --global Grader.Tool --add-source <kit>)");
        }
        var givens = new List<PublicGiven>();
        foreach (var g in SpecLoader.ReadGivens(ctx, top.Node("given")))
        {
            if (g.Literal is null && g.Draw is null)
            {
                ctx.Error(g.Location, $"given `{g.Name}` must be a value or a draw", "regenerate the file with grader assign");
                continue;
            }
            givens.Add(new PublicGiven(g.Name, g.Literal, g.Draw, g.Draw?.Shape ?? [.. g.Literal!.Shape]));
        }
        foreach (var (key, value) in ctx.Mapping(top.Node("computed_per_student"), "computed_per_student", [], allowOtherKeys: true)?.Map.Entries ?? [])
        {
            if (Shape(ctx, value, $"the shape of `{key.Value}`") is { } shape)
            {
                givens.Add(new PublicGiven(key.Value, null, null, shape));
            }
        }
        var parts = new List<PublicPart>();
        if (top.Node("parts") is not YamlSequence seq || seq.Items.Count == 0)
        {
            ctx.Error(top.Node("parts")?.Location ?? top.Map.Location, "the public file lists no parts", "regenerate the file with grader assign");
        }
        else
        {
            foreach (var item in seq.Items)
            {
                if (ReadPart(ctx, item) is { } part)
                {
                    parts.Add(part);
                }
            }
        }
        var id = top.String("id", required: true) ?? "";
        var spec = new PublicSpec
        {
            Id = id,
            Title = top.String("title") ?? id,
            Description = top.String("description"),
            Points = top.Number("points", 0) ?? parts.Sum(p => p.Points),
            Givens = givens,
            Parts = parts,
            Functions = Lines(ctx, top.Node("functions"), "functions"),
            Network = Lines(ctx, top.Node("network"), "network"),
            File = file,
        };
        var errors = ctx.Errors.OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column).ToList();
        return (errors.Count == 0 ? spec : null, errors);
    }

    private static PublicPart? ReadPart(LoadContext ctx, YamlNode item)
    {
        var m = ctx.Mapping(item, "a part", PartKeys);
        if (m is null)
        {
            return null;
        }
        var id = m.String("id", required: true) ?? "";
        var what = $"part `{id}`";
        var kindText = m.String("kind", required: true);
        PartKind? kind = kindText switch
        {
            "value" => PartKind.Answer,
            "method" => PartKind.Implement,
            "values" => PartKind.Property,
            _ => null,
        };
        if (kind is null && kindText is not null)
        {
            ctx.Error(m.Node("kind")!.Location, $"the kind of {what} is `{kindText}`: one of value, method, values", "regenerate the file with grader assign");
        }
        var signature = m.String("implement") is { } text ? SpecLoader.ReadSignature(ctx, text, m.Node("implement")!) : null;
        if (kind == PartKind.Implement && signature is null && m.Node("implement") is null)
        {
            ctx.Error(m.Map.Location, $"{what} asks for a method but names none", "add implement: \"double[] F(double[] x)\"");
        }
        var examples = new List<PublicExample>();
        if (m.Node("examples") is { } exNode)
        {
            if (exNode is not YamlSequence exSeq)
            {
                ctx.Error(exNode.Location, $"the examples of {what} must be a list");
            }
            else
            {
                foreach (var ex in exSeq.Items)
                {
                    if (ReadExample(ctx, ex, what, signature) is { } e)
                    {
                        examples.Add(e);
                    }
                }
            }
        }
        return kind is null ? null : new PublicPart
        {
            Id = id,
            Kind = kind.Value,
            Points = m.Number("points", 0) ?? 0,
            Prompt = m.String("prompt"),
            Hidden = m.Bool("hidden"),
            Shape = m.Node("shape") is { } s ? Shape(ctx, s, $"the shape of {what}") : null,
            Implement = signature,
            Examples = examples,
            Submit = m.Node("submit") is { } submit ? SpecLoader.ReadSubmit(ctx, submit, what, submit.Location) : [],
        };
    }

    private static PublicExample? ReadExample(LoadContext ctx, YamlNode node, string what, MethodSignature? signature)
    {
        var m = ctx.Mapping(node, $"an example of {what}", ["inputs", "expected", "tolerance"]);
        if (m is null)
        {
            return null;
        }
        var inputs = new List<KeyValuePair<string, Tensor>>();
        foreach (var (key, value) in ctx.Mapping(m.Node("inputs"), $"the inputs of an example of {what}", [], allowOtherKeys: true)?.Map.Entries ?? [])
        {
            if (ctx.Literal(value, $"input `{key.Value}`") is { } t)
            {
                inputs.Add(new(key.Value, t));
            }
            else
            {
                ctx.Error(value.Location, $"input `{key.Value}` of an example of {what} must be a number, a vector or a matrix");
            }
        }
        if (signature is not null && !signature.Parameters.Select(p => p.Name).SequenceEqual(inputs.Select(kv => kv.Key)))
        {
            ctx.Error(m.Map.Location, $"the inputs of an example of {what} must be {string.Join(", ", signature.Parameters.Select(p => p.Name))}, in that order",
                "regenerate the file with grader assign");
            return null;
        }
        var expected = m.Node("expected") is { } e ? ctx.Literal(e, $"the expected value of an example of {what}") : null;
        if (expected is null)
        {
            ctx.Error(m.Node("expected")?.Location ?? m.Map.Location, $"an example of {what} needs its expected value (a number, vector or matrix)");
            return null;
        }
        return new PublicExample(inputs, expected, SpecLoader.ReadTolerance(ctx, m.Node("tolerance")) ?? Model.Tolerance.Default);
    }

    /// <summary>A list of lines of text (the statement's functions, the network in words).</summary>
    private static List<string> Lines(LoadContext ctx, YamlNode? node, string what)
    {
        if (node is null)
        {
            return [];
        }
        if (node is YamlSequence seq && seq.Items.All(i => i is YamlScalar))
        {
            return seq.Items.Select(i => ((YamlScalar)i).Value).ToList();
        }
        ctx.Error(node.Location, $"{what} must be a list of lines of text", "regenerate the file with grader assign");
        return [];
    }

    private static int[]? Shape(LoadContext ctx, YamlNode node, string what)
    {
        if (node is YamlSequence seq && seq.Items.All(i => i is YamlScalar s && int.TryParse(s.Value, out var d) && d >= 0 && d <= 1_000_000)
            && seq.Items.Count <= 6)
        {
            return seq.Items.Select(i => int.Parse(((YamlScalar)i).Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }
        ctx.Error(node.Location, $"{what} must be a list of at most 6 sizes, e.g. [3, 2]", "regenerate the file with grader assign");
        return null;
    }
}
