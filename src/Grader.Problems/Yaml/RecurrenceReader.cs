using System.Globalization;
using Grader.Engine;
using Grader.Problems.Expressions;
using Grader.Problems.Model;

namespace Grader.Problems.Yaml;

/// <summary>The recurrences a spec defines, and the state variables of those that did not load (whose uses are not reported again).</summary>
internal sealed class RecurrenceSet
{
    public List<Recurrence> Valid { get; } = [];

    public HashSet<string> BrokenVariables { get; } = new(StringComparer.Ordinal);

    public Recurrence? Owner(string variable) => Valid.FirstOrDefault(r => r.Variable(variable) is not null);
}

/// <summary>
/// Reads a recurrence, a mapping under <c>compute:</c> where a step holds a formula, and unrolls it into steps:
/// <code>
/// rnn:
///   steps: 5                  # T: a whole number from 1 to 1000, or an expression of givens written as numbers
///   index: t                  # the step's number, 1 to T, in update: (optional; t by default)
///   init: { h: h0 }           # iterate 0 of each state variable
///   update:                   # in order, at each step
///     h: tanh(W @ h + U @ xs[t - 1] + b)
/// </code>
/// In <c>update:</c> a state variable is its iterate before this step, or this step's once updated above; in
/// <c>init:</c>, the iterate 0 of those initialised above. The steps made: <c>h[t=0]</c> (the init), <c>h[t=1]</c> ...
/// <c>h[t=T]</c> in the order they are computed, then <c>h</c> for the last iterate. Every name is checked here, with
/// messages in the recurrence's terms; a recurrence with an error makes no step.
/// </summary>
internal static class RecurrenceReader
{
    private static readonly string[] Keys = ["steps", "index", "init", "update"];

    private const string StepsHint = "steps: is how many times update: runs (T), a whole number from 1 to 1000, e.g. steps: 5 (or a given written as a number: steps: T)";

    private sealed record Entry(YamlScalar Key, Expr Expr);

    /// <summary>Whether a mapping under compute: is meant as a recurrence (it has one of its keys); any other mapping is a step written wrong.</summary>
    public static bool IsRecurrence(YamlMapping m) => m.Entries.Any(e => Keys.Contains(e.Key.Value));

    /// <summary>
    /// Reads the recurrence <paramref name="key"/> and adds its steps to <paramref name="steps"/>; <paramref name="later"/>
    /// are the names defined under <c>compute:</c> after it (a use of one is an error that says so).
    /// </summary>
    public static void Read(LoadContext ctx, YamlScalar key, YamlMapping node, IReadOnlyList<Given> givens, List<Step> steps,
        RecurrenceSet set, IReadOnlyCollection<string> later)
    {
        var name = key.Value;
        var what = $"recurrence `{name}`";
        var errorsBefore = ctx.Errors.Count;
        var m = ctx.Mapping(node, what, Keys)!;
        SpecLoader.CheckName(ctx, key, "a recurrence");
        var count = ReadCount(ctx, m, what, givens);
        var index = m.String("index") ?? Recurrence.DefaultIndex;
        if (m.Node("index") is YamlScalar indexNode && !IsPlainName(index))
        {
            ctx.Error(indexNode.Location, $"index `{index}` of {what} is not a plain name", "the index is a name such as t or k, used in update: as the step's number (1 to T)");
        }
        var init = ReadEntries(ctx, m, "init", what);
        var update = ReadEntries(ctx, m, "update", what);
        if (m.Node("update") is null)
        {
            ctx.Error(node.Location, $"{what} needs `update:`", "add update: with each state variable's next value, e.g. update: { h: tanh(W @ h + b) }");
        }
        else if (update.Count == 0 && ctx.Errors.Count == errorsBefore)
        {
            ctx.Error(m.Node("update")!.Location, $"{what} updates nothing", "add each state variable's next value under update:, e.g. h: tanh(W @ h + b)");
        }
        if (m.Node("init") is null && update.Count > 0)
        {
            ctx.Error(node.Location, $"{what} needs `init:`, the iterate 0 of each state variable", $"add init: {{ {update[0].Key.Value}: ... }} (its value before step 1)");
        }

        var variables = update.Select(u => u.Key.Value).ToList();
        // A key written twice is the YAML reader's error; the first is kept here.
        var initOf = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var i in init)
        {
            initOf.TryAdd(i.Key.Value, i);
        }
        var defined = givens.Select(g => g.Name).Concat(steps.Select(s => s.Name)).ToHashSet(StringComparer.Ordinal);
        var written = (m.Node("update") as YamlMapping)?.Entries.Select(e => e.Key.Value).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var i in init.Where(i => !written.Contains(i.Key.Value)))
        {
            ctx.Error(i.Key.Location, $"`{i.Key.Value}` has an init in {what} but update: never updates it",
                Suggest.DidYouMean(i.Key.Value, variables, $"every state variable is updated at each step: add {i.Key.Value}: <its next value> under update:, or make a value that does not change a given or a step"));
        }
        foreach (var u in update)
        {
            var v = u.Key.Value;
            if (defined.Contains(v) || set.Owner(v) is not null)
            {
                ctx.Error(u.Key.Location, $"state variable `{v}` of {what} has the name of a given or step defined before it",
                    "after the recurrence the name stands for its last iterate: give the state variable its own name (h, with the given h0 as its init)");
            }
            if (v == index)
            {
                ctx.Error(u.Key.Location, $"state variable `{v}` of {what} has the name of its index", "name the index otherwise, e.g. index: k");
            }
        }
        if (count is { } steps0 && steps0 * Math.Max(1, update.Count) > Recurrence.MaxIterates)
        {
            ctx.Error(m.Node("steps")!.Location, string.Create(CultureInfo.InvariantCulture,
                $"{what} would make {steps0 * update.Count:N0} iterates ({steps0} steps of {update.Count} state variables); a spec may hold at most {Recurrence.MaxIterates:N0}"),
                "run fewer steps or update fewer values at each step");
        }

        var context = new Context(ctx, what, index, variables, initOf, defined, later, m.Node("init") is null);
        for (var i = 0; i < init.Count; i++)
        {
            context.Check(init[i].Expr, init[i].Key.Value, i, inInit: true, init);
        }
        for (var i = 0; i < update.Count; i++)
        {
            context.Check(update[i].Expr, update[i].Key.Value, i, inInit: false, init);
        }
        if (context.IndexClash)
        {
            ctx.Error(m.Node("index")?.Location ?? key.Location, $"the index `{index}` of {what} is also a given or step, so `{index}` in update: would be ambiguous",
                "name the index otherwise, e.g. index: k (it counts the steps 1 to T)");
        }
        // Broken parts were reported where they are; the recurrence as a whole is then left out.
        var complete = count is not null && update.Count > 0 && m.Node("init") is not null;
        if (ctx.Errors.Count > errorsBefore || !complete)
        {
            var names = variables.Concat(init.Select(i => i.Key.Value)).Concat((m.Node("update") as YamlMapping)?.Entries.Select(e => e.Key.Value) ?? []);
            set.BrokenVariables.UnionWith(names);
            ctx.Broken.UnionWith(names);
            return;
        }

        var recurrence = new Recurrence(name, index, count!.Value,
            update.Select(u => new RecurrenceVariable(u.Key.Value, initOf.GetValueOrDefault(u.Key.Value)?.Expr, u.Expr, u.Key.Location)).ToList(), key.Location);
        set.Valid.Add(recurrence);
        Unroll(recurrence, init, update, context, steps);
    }

    private static bool IsPlainName(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary><c>steps:</c> a whole number from 1 to <see cref="Recurrence.MaxSteps"/>, or an expression of givens written as numbers.</summary>
    private static int? ReadCount(LoadContext ctx, MappingReader m, string what, IReadOnlyList<Given> givens)
    {
        var node = m.Node("steps");
        switch (node)
        {
            case null:
                ctx.Error(m.Map.Location, $"{what} needs `steps:`", StepsHint);
                return null;
            case YamlScalar s when LoadContext.TryNumber(s, out var x):
                return Count(ctx, node, what, x, s.Value);
            case YamlScalar { Quoted: false } s:
                var expr = ctx.Expression(s, $"steps: of {what}");
                if (expr is null)
                {
                    return null;
                }
                var scope = new Scope(new Dictionary<string, FunctionDef>());
                foreach (var n in ExprLimits.Walk(expr).OfType<NameExpr>())
                {
                    var g = givens.FirstOrDefault(g => g.Name == n.Name);
                    if (g?.Literal is null || g.Draw is not null)
                    {
                        ctx.Error(n.Location, g is null ? $"unknown name `{n.Name}` in steps: of {what}"
                            : $"steps: of {what} uses `{n.Name}`, which is {(g.Draw is not null ? "drawn per student" : "computed")}: the number of steps is fixed when the spec is read",
                            g is null ? Suggest.DidYouMean(n.Name, givens.Select(x => x.Name), StepsHint) : StepsHint);
                        return null;
                    }
                    scope.Set(n.Name, g.Literal);
                }
                try
                {
                    var value = Evaluator.Evaluate(expr, scope).Value;
                    if (value.Size == 1)
                    {
                        return Count(ctx, node, what, value[0], $"{expr.Text} = {Tensor.FormatNumber(value[0])}");
                    }
                    ctx.Error(node.Location, $"steps: of {what} is one number, not a value of shape {Tensor.FormatShape(value.Shape)}", StepsHint);
                }
                catch (ExprException ex)
                {
                    ctx.Errors.Add(ex.ToSpecError());
                }
                return null;
            default:
                ctx.Error(node.Location, $"steps: of {what} must be a whole number", StepsHint);
                return null;
        }
    }

    private static int? Count(LoadContext ctx, YamlNode node, string what, double x, string written)
    {
        if (x != Math.Floor(x))
        {
            ctx.Error(node.Location, $"steps: of {what} must be a whole number, not {written}", StepsHint);
            return null;
        }
        if (x < 1 || x > Recurrence.MaxSteps)
        {
            ctx.Error(node.Location, string.Create(CultureInfo.InvariantCulture, $"steps: of {what} must be from 1 to {Recurrence.MaxSteps}, not {written}"), StepsHint);
            return null;
        }
        return (int)x;
    }

    private static List<Entry> ReadEntries(LoadContext ctx, MappingReader m, string key, string what)
    {
        var result = new List<Entry>();
        var block = ctx.Mapping(m.Node(key), $"{key}: of {what}", [], allowOtherKeys: true);
        foreach (var (k, value) in block?.Map.Entries ?? [])
        {
            if (!SpecLoader.CheckName(ctx, k, "a state variable"))
            {
                continue;
            }
            if (ctx.Expression(value, key == "init" ? $"the init of `{k.Value}`" : $"the update of `{k.Value}`") is { } e)
            {
                result.Add(new Entry(k, e));
            }
        }
        return result;
    }

    /// <summary>The names of one recurrence, and what each name in its formulas stands for.</summary>
    private sealed class Context(LoadContext ctx, string what, string index, List<string> variables, Dictionary<string, Entry> initOf,
        HashSet<string> defined, IReadOnlyCollection<string> later, bool noInitBlock)
    {
        /// <summary>The index is also a given or step, and a formula uses it.</summary>
        public bool IndexClash { get; private set; }

        /// <summary>Reports every name of <paramref name="e"/> (the init or update of <paramref name="owner"/>, at <paramref name="position"/>) that stands for nothing.</summary>
        public void Check(Expr e, string owner, int position, bool inInit, List<Entry> init)
        {
            foreach (var n in ExprLimits.Walk(e).OfType<NameExpr>())
            {
                if (ctx.Broken.Contains(n.Name))
                {
                    continue;
                }
                if (Problem(n, owner, position, inInit, init) is { } p)
                {
                    ctx.Error(n.Location, p.Message, p.Hint);
                }
                else if (n.Name == index && defined.Contains(index))
                {
                    IndexClash = true;
                }
            }
        }

        private (string Message, string Hint)? Problem(NameExpr n, string owner, int position, bool inInit, List<Entry> init)
        {
            var name = n.Name;
            var where = inInit ? $"the init of `{owner}`" : $"the update of `{owner}`";
            if (name == index)
            {
                return inInit ? ($"the index `{index}` has no value in {where}: init: is iterate 0, before step 1", "give iterate 0 as a formula of givens and earlier steps") : null;
            }
            if (variables.Contains(name) || initOf.ContainsKey(name))
            {
                return inInit ? InInit(name, owner, position, init) : InUpdate(name, owner, position);
            }
            if (IterateName.TryParse(name) is { } it && (variables.Contains(it.Variable) || initOf.ContainsKey(it.Variable)))
            {
                if (it.Index != index)
                {
                    return ($"{what} counts its steps with `{index}`, not `{it.Index}`", $"write {it with { Index = index }}");
                }
                if (it.At == 0 && initOf.TryGetValue(it.Variable, out var first) && (!inInit || init.IndexOf(first) < position))
                {
                    return null;
                }
                var hint = $"inside {(inInit ? "init:" : "update:")}, `{it.Variable}` alone is {(inInit ? "its iterate 0, once initialised above" : "the iterate before this step (or this step's, once updated above)")}; {IterateName.Of(it.Variable, index, 0)} is the init";
                return it.IsRange
                    ? ($"`{name}` in {where} stacks iterates that are not all computed yet: an update may use only earlier iterates", hint)
                    : ($"`{name}` in {where} refers to a later step: at step{(it.At > 1 ? $"s {index} = 1 to {it.At}" : $" {index} = 1")} iterate {it.At} is not computed yet", hint);
            }
            if (IterateName.TryParse(name) is not null || defined.Contains(name))
            {
                // Another recurrence's iterates are checked with every other use of them (RecurrenceNames).
                return null;
            }
            if (later.Contains(name))
            {
                return ($"`{name}` is used in {what} before it is defined: it comes after the recurrence under compute:", $"move `{name}` above {what}");
            }
            var visible = defined.Where(d => IterateName.TryParse(d) is null).Concat(variables).Append(index);
            return ($"unknown name `{name}`", Suggest.DidYouMean(name, visible, $"define it under given: or compute: above the recurrence, or as a state variable under update: of {what}"));
        }

        private (string Message, string Hint)? InUpdate(string name, string owner, int position)
        {
            var j = variables.IndexOf(name);
            // Without init: at all, that one error is enough.
            if (j < position || initOf.ContainsKey(name) || noInitBlock)
            {
                return null;
            }
            return j == position
                ? ($"`{name}` is used in its own update but has no init: its value before step 1 is not defined", $"add it under init: (iterate 0), e.g. init: {{ {name}: {name}0 }}")
                : ($"`{name}` has no init and is updated below `{owner}`, so it has no value in the update of `{owner}`",
                    $"move the update of `{name}` above that of `{owner}`, or give `{name}` an init (its value before step 1)");
        }

        private (string Message, string Hint)? InInit(string name, string owner, int position, List<Entry> init)
        {
            if (initOf.TryGetValue(name, out var entry))
            {
                return init.IndexOf(entry) < position ? null
                    : ($"`{name}` is used in the init of `{owner}` before its own init", $"in init:, a state variable is its iterate 0 once initialised above: move the init of `{name}` above that of `{owner}`");
            }
            return ($"`{name}` has no init, so the init of `{owner}` cannot use it", $"`{name}` is computed at each step from step 1; iterate 0 uses givens, earlier steps and the inits above it");
        }

        /// <summary>The name a use stands for at step <paramref name="t"/> (0: in init), or null to keep it.</summary>
        public Expr Resolve(NameExpr n, int t, string owner, bool inInit)
        {
            if (n.Name == index)
            {
                return new NumberExpr(t, n.Start, n.End) { Source = n.Source };
            }
            if (!variables.Contains(n.Name) && !initOf.ContainsKey(n.Name))
            {
                return n;
            }
            var current = inInit || variables.IndexOf(n.Name) < variables.IndexOf(owner);
            return n with { Name = IterateName.Of(n.Name, index, current ? t : t - 1) };
        }
    }

    private static void Unroll(Recurrence r, List<Entry> init, List<Entry> update, Context context, List<Step> steps)
    {
        foreach (var i in init)
        {
            var v = i.Key.Value;
            steps.Add(new Step(IterateName.Of(v, r.Index, 0), Rewrite(i.Expr, n => context.Resolve(n, 0, v, inInit: true)), i.Key.Location)
            {
                Origin = new StepOrigin(r.Name, v, 0),
            });
        }
        for (var t = 1; t <= r.Steps; t++)
        {
            foreach (var u in update)
            {
                var v = u.Key.Value;
                var k = t;
                steps.Add(new Step(IterateName.Of(v, r.Index, t), Rewrite(u.Expr, n => context.Resolve(n, k, v, inInit: false)), u.Key.Location)
                {
                    Origin = new StepOrigin(r.Name, v, t),
                });
            }
        }
        foreach (var u in update)
        {
            var last = ExprTree.Finish(ExprTree.Name(IterateName.Of(u.Key.Value, r.Index, r.Steps)), u.Key.Location);
            steps.Add(new Step(u.Key.Value, last, u.Key.Location) { Origin = new StepOrigin(r.Name, u.Key.Value, null) });
        }
    }

    /// <summary>
    /// <paramref name="e"/> with each name replaced by <paramref name="resolve"/>'s; every other node keeps its text and
    /// place, so messages quote the formula as written and point into it.
    /// </summary>
    internal static Expr Rewrite(Expr e, Func<NameExpr, Expr> resolve)
    {
        Expr R(Expr x) => Rewrite(x, resolve);
        return e switch
        {
            NameExpr n => resolve(n),
            NumberExpr => e,
            ListExpr l => l with { Items = l.Items.Select(R).ToList() },
            UnaryExpr u => u with { Operand = R(u.Operand) },
            BinaryExpr b => b with { Left = R(b.Left), Right = R(b.Right) },
            CallExpr c => c with { Args = c.Args.Select(R).ToList() },
            IndexExpr x => x with { Target = R(x.Target), Indices = x.Indices.Select(R).ToList() },
            NamedArgExpr a => a with { Value = R(a.Value) },
            SliceExpr s => s with { From = s.From is null ? null : R(s.From), To = s.To is null ? null : R(s.To) },
            // A node of a kind added later: kept only if nothing inside it is a name (else a name would keep its meaning silently).
            _ when ExprLimits.Walk(e).Skip(1).Any(c => c is NameExpr) => throw new InvalidOperationException($"a recurrence cannot yet rewrite the names inside {e.GetType().Name}"),
            _ => e,
        };
    }
}
