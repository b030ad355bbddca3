using System.Text.RegularExpressions;
using Grader.Engine;
using Grader.Problems.Expressions;
using Grader.Problems.Model;

namespace Grader.Problems.Yaml;

public static partial class SpecLoader
{
    private static readonly string[] PartKeys = ["id", "prompt", "answer", "points", "tolerance", "implement", "cases", "at", "submit", "require", "all_or_nothing", "hidden", "subgradient", "mistakes", "ecf", "visibility"];
    private static readonly string[] RandomKeys = ["count", "seed", "hidden", "tolerance", "public"];

    [GeneratedRegex(@"^\s*(?<ret>[A-Za-z][A-Za-z0-9]*(\[,*\])*)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?<params>[^)]*)\)\s*;?\s*$")]
    private static partial Regex SignaturePattern();

    [GeneratedRegex(@"^\s*(?<type>[A-Za-z][A-Za-z0-9]*(\[,*\])*)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*$")]
    private static partial Regex ParameterPattern();

    private static List<Part> ReadParts(LoadContext ctx, YamlNode? node, double? specPoints, SourceLocation specLocation)
    {
        if (node is not YamlSequence seq || seq.Items.Count == 0)
        {
            ctx.Error(node?.Location ?? specLocation, "the spec needs a non-empty list of parts", "add parts: with at least one - id: ... answer: ...");
            return [];
        }
        var drafts = new List<(Part Part, bool HasPoints)>();
        var ids = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in seq.Items)
        {
            var before = ctx.Errors.Count;
            var label = (item as YamlMapping)?["id"] is YamlScalar idNode ? $"part `{idNode.Value}`" : "a part";
            var m = ctx.Mapping(item, label, PartKeys);
            if (m is null)
            {
                continue;
            }
            var id = m.String("id", required: true) ?? "";
            if (id.Length > 0 && !IdPattern().IsMatch(id))
            {
                ctx.Error(m.Node("id")!.Location, $"part id `{id}` may hold only letters, digits, '-' and '_'", "e.g. b-loss");
            }
            if (ids.TryGetValue(id, out var first))
            {
                ctx.Error(m.Node("id")!.Location, $"duplicate part id `{id}` (first at line {first.Line})", "give every part its own id");
            }
            else if (id.Length > 0)
            {
                ids[id] = m.Node("id")!.Location;
            }
            var part = ReadPart(ctx, m, id);
            if (part is not null)
            {
                if (ctx.Errors.Count > before)
                {
                    ctx.FaultyParts.Add(drafts.Count);
                }
                drafts.Add((part, m.Node("points") is not null));
            }
        }
        return AssignPoints(ctx, drafts, specPoints, specLocation);
    }

    private static List<Part> AssignPoints(LoadContext ctx, List<(Part Part, bool HasPoints)> drafts, double? specPoints, SourceLocation at)
    {
        var fixedSum = drafts.Where(d => d.HasPoints).Sum(d => d.Part.Points);
        var open = drafts.Count(d => !d.HasPoints);
        if (specPoints is { } total && open == 0 && Math.Abs(total - fixedSum) > 1e-9 && drafts.Count > 0)
        {
            ctx.Error(at, $"points is {total} but the parts' points add up to {fixedSum}", "make them agree, or leave out points on the spec or on some parts");
        }
        // Parts without points share what the spec's points leave over, or get 1 point each.
        var share = specPoints is { } t && open > 0 ? Math.Max(0, t - fixedSum) / open : 1;
        return drafts.Select(d => d.HasPoints ? d.Part : d.Part with { Points = share }).ToList();
    }

    private static Part? ReadPart(LoadContext ctx, MappingReader m, string id)
    {
        var what = $"part `{id}`";
        var implement = m.String("implement");
        var hasSubmit = m.Node("submit") is not null || m.Node("require") is not null;
        var kind = implement is not null ? PartKind.Implement : hasSubmit ? PartKind.Property : PartKind.Answer;
        if (implement is not null && hasSubmit)
        {
            ctx.Error(m.Map.Location, $"{what} has both implement: and submit:/require:", "a part is one kind: answer, implement, or a property check");
        }
        var answer = ctx.Expression(m.Node("answer"), $"the answer of {what}");
        if (kind != PartKind.Property && m.Node("answer") is null)
        {
            ctx.Error(m.Map.Location, $"{what} needs `answer`", "add answer: with the expression the engine evaluates, e.g. answer: grad(L, W)");
        }
        if (kind == PartKind.Property && m.Node("answer") is not null)
        {
            ctx.Error(m.Node("answer")!.Location, $"{what} is a property check and has no single answer", "remove answer:, or remove submit:/require:");
        }
        if (kind != PartKind.Implement && m.Node("cases") is not null)
        {
            ctx.Error(m.Node("cases")!.Location, $"{what} has cases: but no implement:", "cases belong to parts that ask for a method");
        }
        var signature = implement is null ? null : ReadSignature(ctx, implement, m.Node("implement")!);
        var submit = kind == PartKind.Property ? ReadSubmit(ctx, m.Node("submit"), what, m.Map.Location) : [];
        var require = new List<Expr>();
        if (kind == PartKind.Property)
        {
            var req = m.Node("require");
            var nodes = req is YamlSequence s && s.Items.All(i => i is YamlScalar) ? s.Items : req is null ? [] : [req];
            if (nodes.Count == 0)
            {
                ctx.Error(m.Map.Location, $"{what} needs `require`", "e.g. require: max(abs(net(Xd) - Yd)) <= 0.01");
            }
            require.AddRange(nodes.Select(n => ctx.Expression(n, $"require of {what}")).OfType<Expr>());
        }
        var cases = kind == PartKind.Implement ? ReadCases(ctx, m.Node("cases"), what) : [];
        return new Part
        {
            Id = id,
            Prompt = m.String("prompt"),
            Points = m.Number("points", 0, SpecBounds.MaxPoints, SpecBounds.PointsHint) ?? 0,
            Tolerance = ReadTolerance(ctx, m.Node("tolerance")),
            Kind = kind,
            Answer = answer,
            At = ReadNamedExpressions(ctx, m.Node("at"), $"at of {what}"),
            Implement = signature,
            Cases = cases,
            Submit = submit,
            Require = require,
            AllOrNothing = m.Bool("all_or_nothing"),
            Hidden = m.Bool("hidden"),
            AnySubgradient = ReadSubgradient(ctx, m, kind),
            Mistakes = ReadMistakes(ctx, m.Node("mistakes"), id, kind),
            Ecf = ReadEcf(ctx, m, kind == PartKind.Answer ? null : what),
            Visibility = ReadVisibility(ctx, m),
            Location = m.Map.Location,
        };
    }

    private static List<AuthorMistake> ReadMistakes(LoadContext ctx, YamlNode? node, string id, PartKind kind)
    {
        const string hint = "mistakes: [ { answer: -grad(L, W), feedback: \"the gradient points uphill: gradient descent subtracts it\" } ] (id: optional)";
        var result = new List<AuthorMistake>();
        if (node is null)
        {
            return result;
        }
        if (kind != PartKind.Answer)
        {
            ctx.Error(node.Location, $"mistakes: applies to parts with an answer, not to {(kind == PartKind.Implement ? "implement parts" : "property checks")}", "remove it");
            return result;
        }
        if (node is not YamlSequence seq)
        {
            ctx.Error(node.Location, "mistakes: must be a list", hint);
            return result;
        }
        foreach (var item in seq.Items)
        {
            var mm = ctx.Mapping(item, $"a mistake of part `{id}`", ["id", "answer", "feedback"]);
            if (mm is null)
            {
                continue;
            }
            var answer = ctx.Expression(mm.Node("answer"), $"the answer of a mistake of part `{id}`");
            var feedback = mm.String("feedback", required: true);
            var mistakeId = mm.String("id") ?? $"{id}/mistake-{result.Count + 1}";
            if (mm.Node("answer") is null)
            {
                ctx.Error(item.Location, $"a mistake of part `{id}` needs `answer`: what a student who makes it would answer", hint);
            }
            if (mm.Node("id") is { } idNode && !IdPattern().IsMatch(mistakeId))
            {
                ctx.Error(idNode.Location, $"mistake id `{mistakeId}` may hold only letters, digits, '-' and '_'", "e.g. id: half-dropped");
            }
            if (feedback is not null && feedback.Length > 300)
            {
                ctx.Error(mm.Node("feedback")!.Location, $"the feedback of a mistake has {feedback.Length} characters; at most 300 are allowed", "one sentence a student can act on");
            }
            if (answer is not null && feedback is not null)
            {
                result.Add(new AuthorMistake(mistakeId, answer, feedback, item.Location));
            }
        }
        return result;
    }

    private static string? ReadVisibility(LoadContext ctx, MappingReader m)
    {
        string[] allowed = ["hidden", "after_due_date", "after_published", "visible"];
        var v = m.String("visibility");
        if (v is not null && !allowed.Contains(v))
        {
            ctx.Error(m.Node("visibility")!.Location, $"visibility is one of {string.Join(", ", allowed)}, not `{v}`",
                "when Gradescope shows the part to the student (--format gradescope); by default a hidden part is after_published");
            return null;
        }
        return v;
    }

    internal static double? ReadEcf(LoadContext ctx, MappingReader m, string? notAllowedFor)
    {
        var ecf = m.Number("ecf", 0, 1, "ecf is the share of the points for an answer right for the student's own earlier answers, from 0 to 1, e.g. ecf: 0.5");
        if (ecf is not null && notAllowedFor is not null)
        {
            ctx.Error(m.Node("ecf")!.Location, $"ecf: applies to parts with an answer, not to {notAllowedFor}", "remove it");
            return null;
        }
        return ecf;
    }

    private static bool ReadSubgradient(LoadContext ctx, MappingReader m, PartKind kind)
    {
        var value = m.String("subgradient");
        if (value is null or "pytorch")
        {
            return false;
        }
        if (value != "any")
        {
            ctx.Error(m.Node("subgradient")!.Location, $"subgradient is `any` or `pytorch`, not `{value}`",
                "subgradient: any accepts every value between the left and right derivative at kinks");
            return false;
        }
        if (kind == PartKind.Property)
        {
            ctx.Error(m.Node("subgradient")!.Location, "subgradient: any applies to parts with an answer, not to property checks", "remove it");
        }
        return true;
    }

    private static List<KeyValuePair<string, Expr>> ReadNamedExpressions(LoadContext ctx, YamlNode? node, string what, IEnumerable<string>? skip = null)
    {
        var result = new List<KeyValuePair<string, Expr>>();
        var m = ctx.Mapping(node, what, [], allowOtherKeys: true);
        var skipped = skip?.ToHashSet() ?? [];
        foreach (var (key, value) in m?.Map.Entries ?? [])
        {
            if (skipped.Contains(key.Value) || !CheckName(ctx, key, $"a value in {what}"))
            {
                continue;
            }
            if (ctx.Expression(value, $"`{key.Value}` in {what}") is { } e)
            {
                result.Add(new(key.Value, e));
            }
        }
        return result;
    }

    internal static MethodSignature? ReadSignature(LoadContext ctx, string text, YamlNode node)
    {
        const string hint = "write a C# signature such as \"double[] GradV(double[,] X, double[] Y)\"; types: double, int, double[], double[,], double[][], "
            + "and with up to 6 axes double[,,], double[,,,], ... or double[][][], ...";
        var match = SignaturePattern().Match(text);
        if (!match.Success)
        {
            ctx.Error(node.Location, $"`{text}` is not a method signature", hint);
            return null;
        }
        var ret = match.Groups["ret"].Value;
        var ok = true;
        if (!MethodSignature.Types.ContainsKey(ret))
        {
            ctx.Error(node.Location, $"return type `{ret}` is not supported", hint);
            ok = false;
        }
        var parameters = new List<MethodParameter>();
        foreach (var p in Regex.Split(match.Groups["params"].Value, @",(?![^\[]*\])").Where(x => x.Trim().Length > 0))
        {
            var pm = ParameterPattern().Match(p);
            if (!pm.Success || !MethodSignature.Types.ContainsKey(pm.Groups["type"].Value))
            {
                ctx.Error(node.Location, $"parameter `{p.Trim()}` is not a supported type and name", hint);
                ok = false;
                continue;
            }
            if (CSharpNames.Keywords.Contains(pm.Groups["name"].Value))
            {
                ctx.Error(node.Location, $"the parameter name `{pm.Groups["name"].Value}` is a C# keyword: no submission can declare it", CSharpNames.ParameterHint);
                ok = false;
                continue;
            }
            parameters.Add(new MethodParameter(pm.Groups["type"].Value, pm.Groups["name"].Value));
        }
        if (CSharpNames.MethodProblem(match.Groups["name"].Value) is { } problem)
        {
            ctx.Error(node.Location, problem, CSharpNames.MethodHint);
            ok = false;
        }
        return ok ? new MethodSignature(ret, match.Groups["name"].Value, parameters) : null;
    }

    internal static List<KeyValuePair<string, int[]>> ReadSubmit(LoadContext ctx, YamlNode? node, string what, SourceLocation at)
    {
        var result = new List<KeyValuePair<string, int[]>>();
        var m = ctx.Mapping(node, $"submit of {what}", [], allowOtherKeys: true);
        if (m is null)
        {
            ctx.Error(at, $"{what} needs `submit`: the names the student gives and their shapes", "e.g. submit: { W1: [4], b1: [4], w2: [4], b2: [] }");
            return result;
        }
        foreach (var (key, value) in m.Map.Entries)
        {
            if (!CheckName(ctx, key, "a submitted value"))
            {
                continue;
            }
            var shape = ctx.Literal(value, "a shape");
            if (shape is null || shape.Rank > 1 || shape.Size > Tensor.MaxRank || shape.ToArray().Any(d => d < 0 || d != Math.Floor(d)))
            {
                ctx.Error(value.Location, $"the shape of `{key.Value}` must be [], [n], [rows, cols] or a list of up to {Tensor.MaxRank} lengths", "e.g. W1: [4] for a vector of 4");
                // Kept as a number, so that the conditions using it are not reported again (the spec is refused already).
                result.Add(new(key.Value, []));
                continue;
            }
            // Bounded as every value is, before anything of that shape is made (in double: no cast can overflow first).
            var elements = (shape.Rank == 0 ? [shape[0]] : shape.ToArray()).Aggregate(1.0, (n, d) => n * d);
            if (elements > ctx.Limits.Elements)
            {
                ctx.Error(value.Location, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the shape of `{key.Value}` would hold {elements:N0} elements; a value may hold at most {ctx.Limits.Elements:N0} (limits.elements)"),
                    "a submitted value is a homework-sized vector or matrix, e.g. W1: [4, 3]; " + ctx.Limits.Raise(LimitKind.Elements, (long)Math.Min(elements, long.MaxValue / 2)));
                result.Add(new(key.Value, []));
                continue;
            }
            result.Add(new(key.Value, shape.Rank == 0 ? [(int)shape[0]] : shape.ToArray().Select(d => (int)d).ToArray()));
        }
        return result;
    }

    private static List<CaseSpec> ReadCases(LoadContext ctx, YamlNode? node, string what)
    {
        if (node is null)
        {
            return [new GivenCase(false, null, new SourceLocation(ctx.File, 1, 1))];
        }
        if (node is not YamlSequence seq)
        {
            ctx.Error(node.Location, $"cases of {what} must be a list", "e.g. cases: [ given, { random: { count: 20, seed: 7, x: normal(0, 1, [3]) } } ]");
            return [];
        }
        var result = new List<CaseSpec>();
        foreach (var item in seq.Items)
        {
            switch (item)
            {
                case YamlScalar { Value: "given" } s:
                    result.Add(new GivenCase(false, null, s.Location));
                    break;
                case YamlMapping mm when mm.Entries.Any(e => e.Key.Value == "given"):
                    // - given: { public: true }: the given values as a case, with options.
                    ctx.Mapping(mm, $"a case of {what}", ["given"]);
                    var gm = mm["given"] is YamlMapping gmap ? ctx.Mapping(gmap, $"the given case of {what}", ["hidden", "tolerance", "public"]) : null;
                    result.Add(new GivenCase(gm?.Bool("hidden") ?? false, ReadTolerance(ctx, gm?.Node("tolerance")), mm.Location) { Public = gm?.Bool("public") ?? false });
                    break;
                case YamlMapping mm when mm["random"] is { } r:
                    var rm = ctx.Mapping(r, $"a random case of {what}", RandomKeys, allowOtherKeys: true);
                    ctx.Mapping(mm, $"a case of {what}", ["random"]);
                    if (rm is null)
                    {
                        break;
                    }
                    var count = rm.Integer("count", 1, SpecBounds.MaxCases, SpecBounds.CountHint) ?? 1;
                    result.Add(new RandomCases((int)count, (ulong)(rm.Integer("seed", 0, SpecBounds.MaxSeed, SpecBounds.SeedHint) ?? 0),
                        ReadNamedExpressions(ctx, r, $"random case of {what}", RandomKeys),
                        rm.Bool("hidden"), ReadTolerance(ctx, rm.Node("tolerance")), r.Location)
                    { Public = rm.Bool("public") });
                    break;
                case YamlMapping mm when mm["values"] is { } v:
                    var vm = ctx.Mapping(mm, $"a case of {what}", ["values", "hidden", "tolerance", "public"]);
                    result.Add(new ValuesCase(ReadNamedExpressions(ctx, v, $"values of a case of {what}"),
                        vm!.Bool("hidden"), ReadTolerance(ctx, mm["tolerance"]), mm.Location)
                    { Public = vm.Bool("public") });
                    break;
                default:
                    ctx.Error(item.Location, $"a case of {what} is `given`, {{ random: {{...}} }} or {{ values: {{...}} }}",
                        "e.g. - random: { count: 20, seed: 7, hidden: true, x: normal(0, 1, [3]) }");
                    break;
            }
        }
        return result;
    }
}
