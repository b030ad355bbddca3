using System.Globalization;
using System.Text.RegularExpressions;
using Grader.Problems.Expressions;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Solving;

namespace Grader.Problems.Yaml;

/// <summary>
/// Loads a problem spec: reads the YAML, maps it to the model, checks names statically, then evaluates every
/// given, step and part once to find shape errors. All errors are reported together; a spec with any error
/// yields no <see cref="Problem"/>.
/// </summary>
public static partial class SpecLoader
{
    private static readonly string[] TopKeys = ["id", "title", "description", "points", "tolerance", "seed", "given", "compute", "functions", "network", "parts", "ecf", "limits"];

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*([A-Za-z_][A-Za-z0-9_]*(\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)?\s*\)\s*$")]
    private static partial Regex FunctionHeader();

    public static SpecLoadResult LoadFile(string path)
    {
        var (text, error) = SpecFile.Read(path);
        if (text is null)
        {
            return new SpecLoadResult(null, [error!]);
        }
        try
        {
            return Load(path, text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug of the loader's own must not end `validate` for every other spec: it is this spec's error.
            return new SpecLoadResult(null, [new SpecError(new SourceLocation(path, 1, 1),
                $"the grader failed while loading this spec ({ex.GetType().Name}: {ex.Message})",
                "this is a bug in the grader, not necessarily in the spec: please report it with the spec attached")]);
        }
    }

    public static SpecLoadResult Load(string file, string text)
    {
        var ctx = new LoadContext(file);
        var root = YamlReader.Read(file, text, ctx.Errors);
        if (root is null)
        {
            return new SpecLoadResult(null, ctx.Errors);
        }
        var top = ctx.Mapping(root, "the spec", TopKeys);
        if (top is null)
        {
            return new SpecLoadResult(null, ctx.Errors);
        }

        var id = top.String("id", required: true) ?? "";
        if (id.Length > 0 && !IdPattern().IsMatch(id))
        {
            ctx.Error(top.Node("id")!.Location, $"id `{id}` may hold only letters, digits, '-' and '_'", "the submission file is <id>.csx, so keep it a plain file name");
        }
        var expectedId = Path.GetFileNameWithoutExtension(file);
        if (id.Length > 0 && expectedId != id && File.Exists(file))
        {
            ctx.Error(top.Node("id")!.Location, $"id `{id}` differs from the file name `{expectedId}.yaml`", $"rename the file to {id}.yaml or set id: {expectedId}");
        }
        var tolerance = ReadTolerance(ctx, top.Node("tolerance"));
        var seed = (ulong)(top.Integer("seed", 0, SpecBounds.MaxSeed, SpecBounds.SeedHint) ?? 0);
        ctx.Limits = ReadLimits(ctx, top.Node("limits"));

        var givens = ReadGivens(ctx, top.Node("given"));
        var functions = ReadFunctions(ctx, top.Node("functions"));
        var steps = new List<Step>();
        var network = new List<string>();
        var beforeNetwork = ctx.Errors.Count;
        NetworkExpander.Expand(ctx, top.Node("network"), givens, steps, network);
        if (ctx.Errors.Count > beforeNetwork)
        {
            // Which layer an error leaves wrong is not tracked: none of the network is evaluated.
            ctx.Faulty.UnionWith(steps.Select(s => s.Name));
        }
        var recurrences = new RecurrenceSet();
        ReadSteps(ctx, top.Node("compute"), givens, steps, recurrences);
        var parts = ReadParts(ctx, top.Node("parts"), top.Number("points", 0, SpecBounds.MaxPoints, SpecBounds.PointsHint), top.Map.Location);
        var beforeRecurrences = ctx.Errors.Count;
        RecurrenceNames.Resolve(ctx, steps, recurrences, functions, parts);
        RecurrenceNames.CheckFunctions(ctx, recurrences, functions);
        if (ctx.Errors.Count > beforeRecurrences)
        {
            // A recurrence with an error of its own is not evaluated, nor what uses its iterates: its error is the one said.
            ctx.Faulty.UnionWith(steps.Where(s => s.Origin is not null).Select(s => s.Name));
        }

        var problem = new Problem
        {
            Id = id,
            Title = top.String("title") ?? id,
            Description = top.String("description"),
            Points = parts.Sum(p => p.Points),
            Tolerance = tolerance,
            Seed = seed,
            Ecf = ReadEcf(ctx, top, null),
            Givens = givens,
            Steps = Gates.Mark(steps),
            Recurrences = recurrences.Valid,
            Functions = Gates.Mark(functions),
            Network = network,
            Parts = parts,
            Limits = ctx.Limits,
            File = file,
        };
        var checkedFrom = ctx.Errors.Count;
        NameChecker.Check(problem, ctx.Errors, ctx.Faulty, ctx.FaultyParts);
        Cascade.RemoveRepeats(ctx.Errors, checkedFrom, ctx.Broken);
        // A recurrence's formula is checked once per iterate it made: one error each, at the formula.
        RemoveRepeatedPlaces(ctx.Errors, checkedFrom);
        var warnings = new List<SpecError>();
        DecimalCommas.Find(top.Map, warnings);
        // Everything that has no error of its own and uses nothing that has is evaluated, so that its errors come in
        // the same pass as the others.
        if (Cascade.Independent(problem, ctx.Faulty, ctx.FaultyParts) is { } independent)
        {
            ValidateVariants(independent, ctx.Errors, warnings);
            RecurrenceNames.ExplainSecondDerivatives(independent, ctx.Errors);
        }
        if (ctx.Errors.Count == 0)
        {
            WarnOnEcfThatCannotApply(problem, warnings);
        }
        var errors = ctx.Errors.OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column).ToList();
        return new SpecLoadResult(errors.Count == 0 ? problem : null, errors) { Warnings = warnings };
    }

    private static void RemoveRepeatedPlaces(List<SpecError> errors, int from)
    {
        var seen = new HashSet<(SourceLocation, string)>();
        var kept = errors.Skip(from).Where(e => seen.Add((e.Location, e.Message))).ToList();
        errors.RemoveRange(from, errors.Count - from);
        errors.AddRange(kept);
    }

    /// <summary>
    /// A spec without per-student draws is validated as written; one with draws in the variant of no student and in
    /// those of <see cref="Variants.Samples"/>, stopping at the first variant that fails (its name is in the message).
    /// </summary>
    private static void ValidateVariants(Problem problem, List<SpecError> errors, List<SpecError> warnings)
    {
        if (!problem.HasVariants)
        {
            ReferenceSolver.Validate(problem, errors, warnings);
            return;
        }
        foreach (var student in Variants.Samples.Prepend(""))
        {
            var found = new List<SpecError>();
            ReferenceSolver.Validate(Variants.ForStudent(problem, student), found, student == "" ? warnings : null);
            errors.AddRange(student == "" ? found : found.Select(e => e with { Message = $"in the variant of student `{student}`: {e.Message}" }));
            if (found.Count > 0)
            {
                return;
            }
        }
    }

    /// <summary>
    /// `ecf:` on a part carries errors only from earlier parts that answer a step the part uses (answer: Z): a part's
    /// own ecf with no such part before it can never apply, which an author would not expect.
    /// </summary>
    private static void WarnOnEcfThatCannotApply(Problem p, List<SpecError> warnings)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in p.Parts)
        {
            if (part.Ecf > 0 && part.Answer is { } answer && CarriedForward.Reached(p, answer, answered).Count == 0)
            {
                warnings.Add(new SpecError(part.Location, $"ecf: on part `{part.Id}` can never apply: no earlier part answers a step its answer uses",
                    "error carried forward follows parts whose answer is a step's name: define the value as a step (dZ: grad(L, Z)) and answer it with answer: dZ"));
            }
            if (CarriedForward.StepAnswered(p, part) is { } step)
            {
                answered.Add(step);
            }
        }
    }

    internal static Tolerance? ReadTolerance(LoadContext ctx, YamlNode? node)
    {
        var m = ctx.Mapping(node, "tolerance", ["rel", "abs", "sigfigs"]);
        if (m is null)
        {
            return null;
        }
        var sig = m.Integer("sigfigs", 1, SpecBounds.MaxSigfigs, SpecBounds.SigfigsHint);
        if (sig is not null && (m.Node("rel") is not null || m.Node("abs") is not null))
        {
            ctx.Error(node!.Location, "a tolerance is either { sigfigs: d } or { rel: r, abs: a }, not both", "keep one of the two forms");
        }
        return new Tolerance(m.Number("rel", 0, SpecBounds.MaxRel, SpecBounds.RelHint) ?? Tolerance.DefaultRel,
            m.Number("abs", 0, SpecBounds.MaxAbs, SpecBounds.AbsHint) ?? Tolerance.DefaultAbs, (int?)sig);
    }

    internal static List<Given> ReadGivens(LoadContext ctx, YamlNode? node)
    {
        var result = new List<Given>();
        var m = ctx.Mapping(node, "given", [], allowOtherKeys: true);
        long drawn = 0;
        foreach (var (key, value) in m?.Map.Entries ?? [])
        {
            var before = ctx.Errors.Count;
            ReadGiven(ctx, key, value, result);
            var count = result.Count > 0 && result[^1].Name == key.Value && result[^1].Draw is { } d ? d.Shape.Aggregate(1L, (a, b) => a * b) : 0;
            if (drawn <= MaxDrawnElements && (drawn += count) > MaxDrawnElements)
            {
                // Every student's check and grading draws them all (each draw's numbers follow the one before).
                ctx.Error(key.Location, string.Create(CultureInfo.InvariantCulture,
                    $"with `{key.Value}`, the values drawn per student hold {drawn:N0} numbers; at most {MaxDrawnElements:N0} in all"),
                    "draw smaller values per student");
            }
            if (ctx.Errors.Count > before)
            {
                ctx.Faulty.Add(key.Value);
            }
        }
        return result;
    }

    /// <summary>The numbers all of a spec's per-student draws may hold together: 16 times the largest drawn value.</summary>
    public const long MaxDrawnElements = 16_000_000;

    private static void ReadGiven(LoadContext ctx, YamlScalar key, YamlNode value, List<Given> result)
    {
        if (!CheckName(ctx, key, "a given"))
        {
            return;
        }
        if (value is YamlMapping draw)
        {
            if (ReadDraw(ctx, draw, key.Value) is { } d)
            {
                result.Add(new Given(key.Value, null, null, key.Location) { Draw = d });
            }
            else
            {
                ctx.Broken.Add(key.Value);
            }
            return;
        }
        var literal = ctx.Literal(value, $"given `{key.Value}`");
        if (literal is not null)
        {
            result.Add(new Given(key.Value, literal, null, key.Location));
        }
        else if (ctx.Expression(value, $"given `{key.Value}`") is { } expr)
        {
            result.Add(new Given(key.Value, null, expr, key.Location));
        }
        else
        {
            ctx.Broken.Add(key.Value);
        }
    }

    private static VariantDraw? ReadDraw(LoadContext ctx, YamlMapping node, string name)
    {
        const string hint = "a value drawn per student is { normal: [mean, std], shape: [3, 3], round: 2 }, or uniform: [low, high], or randint: [low, high]";
        var m = ctx.Mapping(node, $"given `{name}`", ["normal", "uniform", "randint", "shape", "round"]);
        if (m is null)
        {
            return null;
        }
        var kinds = new[] { "normal", "uniform", "randint" }.Where(k => m.Node(k) is not null).ToList();
        if (kinds.Count != 1)
        {
            ctx.Error(node.Location, kinds.Count == 0 ? $"given `{name}` names no distribution" : $"given `{name}` names {string.Join(" and ", kinds)}: one distribution only", hint);
            return null;
        }
        var args = ctx.Literal(m.Node(kinds[0])!, $"given `{name}`");
        if (args is not { Rank: 1, Size: 2 } || !double.IsFinite(args[0]) || !double.IsFinite(args[1]) || Math.Abs(args[0]) > 1e6 || Math.Abs(args[1]) > 1e6)
        {
            ctx.Error(m.Node(kinds[0])!.Location, $"{kinds[0]} takes two finite numbers (at most 1e6 in size), as [a, b]", hint);
            return null;
        }
        if (kinds[0] != "normal" && args[1] <= args[0] || kinds[0] == "normal" && args[1] < 0)
        {
            ctx.Error(m.Node(kinds[0])!.Location, kinds[0] == "normal" ? "the standard deviation of normal: [mean, std] may not be negative" : $"{kinds[0]}: [low, high] needs low < high", hint);
            return null;
        }
        if (kinds[0] == "randint" && (args[0] != Math.Floor(args[0]) || args[1] != Math.Floor(args[1])))
        {
            ctx.Error(m.Node(kinds[0])!.Location, "randint: [low, high] takes whole numbers", hint);
            return null;
        }
        int[] shape = [];
        if (m.Node("shape") is { } shapeNode)
        {
            var s = ctx.Literal(shapeNode, "a shape");
            if (s is null || s.Rank > 1 || s.Size > 2 || s.ToArray().Any(d => d < 1 || d > 1000 || d != Math.Floor(d)))
            {
                ctx.Error(shapeNode.Location, "the shape of a value drawn per student is [], [n] or [rows, cols], each from 1 to 1000", hint);
                return null;
            }
            shape = s.Rank == 0 ? [(int)s[0]] : s.ToArray().Select(d => (int)d).ToArray();
        }
        var round = m.Integer("round", 0, 12, "round: the number of decimals kept, from 0 to 12");
        return new VariantDraw(kinds[0], args[0], args[1], shape, (int?)round);
    }

    /// <summary>
    /// Whether <paramref name="key"/> may name a given, step or submitted value. A built-in's name may: a name in value
    /// position is always the spec's own and a call always a function, so adding a built-in never breaks a spec.
    /// </summary>
    internal static bool CheckName(LoadContext ctx, YamlScalar key, string what)
    {
        if (NamePattern().IsMatch(key.Value))
        {
            return true;
        }
        ctx.Error(key.Location, $"`{key.Value}` is not a valid name for {what}",
            "names start with a letter and hold letters, digits and '_' (dots separate parts, as in hidden.z)");
        return false;
    }

    private static Dictionary<string, FunctionDef> ReadFunctions(LoadContext ctx, YamlNode? node)
    {
        var result = new Dictionary<string, FunctionDef>(StringComparer.Ordinal);
        var m = ctx.Mapping(node, "functions", [], allowOtherKeys: true);
        foreach (var (key, value) in m?.Map.Entries ?? [])
        {
            var before = ctx.Errors.Count;
            var match = FunctionHeader().Match(key.Value);
            if (!match.Success)
            {
                ctx.Error(key.Location, $"`{key.Value}` is not a function header", "write name(x, y): expression, e.g. f(x, y): (2*x + 3*y)^2");
                continue;
            }
            var name = match.Groups[1].Value;
            var parameters = match.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            // A function of the spec's own may take a built-in's name: in this spec, its calls are the spec's function.
            if (result.ContainsKey(name))
            {
                ctx.Error(key.Location, $"function `{name}` is defined twice", "remove or rename one definition");
                continue;
            }
            if (parameters.Distinct().Count() != parameters.Length)
            {
                ctx.Error(key.Location, $"function `{name}` names a parameter twice", "give each parameter its own name");
            }
            if (ctx.Expression(value, $"function `{name}`") is { } body)
            {
                result[name] = new FunctionDef(name, parameters, body, key.Location);
            }
            else
            {
                ctx.Broken.Add(name);
            }
            if (ctx.Errors.Count > before)
            {
                ctx.Faulty.Add(name);
            }
        }
        return result;
    }

    private static void ReadSteps(LoadContext ctx, YamlNode? node, IReadOnlyList<Given> givens, List<Step> steps, RecurrenceSet recurrences)
    {
        var m = ctx.Mapping(node, "compute", [], allowOtherKeys: true);
        var fromNetwork = steps.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var entries = m?.Map.Entries ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            var (key, value) = entries[i];
            if (value is YamlMapping block && RecurrenceReader.IsRecurrence(block))
            {
                // A mapping where a step holds a formula: a recurrence (steps:, init:, update:).
                var later = entries.Skip(i + 1).SelectMany(e => e.Value is YamlMapping b && b["update"] is YamlMapping u ? u.Entries.Select(x => x.Key.Value) : [e.Key.Value]);
                RecurrenceReader.Read(ctx, key, block, givens, steps, recurrences, later.ToHashSet(StringComparer.Ordinal));
                continue;
            }
            if (!CheckName(ctx, key, "a step"))
            {
                continue;
            }
            if (value is YamlMapping)
            {
                ctx.Error(value.Location, $"step `{key.Value}` must be an expression, not a mapping",
                    "write a formula such as sum((Y - yhat)^2), or a recurrence as a mapping of steps:, init: and update: (src/Grader.Problems/README.md, Recurrences)");
                ctx.Broken.Add(key.Value);
                continue;
            }
            if (fromNetwork.Contains(key.Value))
            {
                ctx.Error(key.Location, $"step `{key.Value}` is already defined by the network block", "choose another name");
                ctx.Faulty.Add(key.Value);
                continue;
            }
            if (ctx.Expression(value, $"step `{key.Value}`") is { } expr)
            {
                steps.Add(new Step(key.Value, expr, key.Location));
            }
            else
            {
                ctx.Broken.Add(key.Value);
                ctx.Faulty.Add(key.Value);
            }
        }
    }
}
