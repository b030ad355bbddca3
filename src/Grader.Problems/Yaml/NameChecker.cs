using Grader.Problems.Expressions;
using Grader.Problems.Model;

namespace Grader.Problems.Yaml;

/// <summary>
/// Static checks that need no evaluation: every name is defined before it is used, no step or function
/// depends on itself, every call names a known function with the right number of arguments.
/// </summary>
internal static class NameChecker
{
    public static void Check(Problem p, List<SpecError> errors)
    {
        var givens = p.Givens.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var stepIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < p.Steps.Count; i++)
        {
            var step = p.Steps[i];
            if (givens.Contains(step.Name) || stepIndex.ContainsKey(step.Name))
            {
                errors.Add(new SpecError(step.Location, $"`{step.Name}` is defined twice (as a given or step)", "give each value its own name"));
            }
            stepIndex.TryAdd(step.Name, i);
        }
        var submitNames = p.Parts.SelectMany(x => x.Submit.Select(s => s.Key)).ToHashSet(StringComparer.Ordinal);

        // Givens may use earlier givens.
        var earlier = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in p.Givens)
        {
            if (g.Expression is { } e)
            {
                CheckExpr(e, p, errors, name => earlier.Contains(name) ? null
                    : givens.Contains(name) ? $"`{name}` is used before it is defined: move it above `{g.Name}` in given:" : Unknown(name, earlier));
            }
            earlier.Add(g.Name);
        }

        // Steps may use givens and earlier steps.
        var stepCycles = new Lazy<Cycles>(() => new Cycles(p.Steps.Select(st => (IReadOnlyList<int>)Walk(st.Expression).OfType<NameExpr>()
            .Select(n => stepIndex.TryGetValue(n.Name, out var k) ? k : -1).Where(k => k >= 0).Distinct().ToList()).ToList()));
        for (var i = 0; i < p.Steps.Count; i++)
        {
            var step = p.Steps[i];
            var index = i;
            CheckExpr(step.Expression, p, errors, name =>
            {
                if (givens.Contains(name) || (stepIndex.TryGetValue(name, out var j) && j < index))
                {
                    return null;
                }
                if (stepIndex.TryGetValue(name, out j))
                {
                    var cycle = CyclePath(p.Steps, stepCycles.Value, j, index);
                    return cycle is not null
                        ? $"cycle: {string.Join(" -> ", cycle)}; a step cannot depend on itself"
                        : $"`{name}` is used before it is defined: move step `{name}` above `{step.Name}`";
                }
                return Unknown(name, givens.Concat(stepIndex.Keys.Take(index)));
            });
        }

        // Function bodies see their parameters, the givens, every step and every submitted name.
        foreach (var f in p.Functions.Values)
        {
            var visible = f.Parameters.Concat(givens).Concat(stepIndex.Keys).Concat(submitNames).ToHashSet(StringComparer.Ordinal);
            CheckExpr(f.Body, p, errors, name => visible.Contains(name) ? null : Unknown(name, visible));
        }
        CheckFunctionCycles(p, errors);

        foreach (var part in p.Parts)
        {
            CheckPart(p, part, givens, stepIndex.Keys, errors);
        }
    }

    private static void CheckPart(Problem p, Part part, HashSet<string> givens, IEnumerable<string> steps, List<SpecError> errors)
    {
        var stepNames = steps.ToHashSet(StringComparer.Ordinal);
        // Free variables: names the part's expressions use that are neither givens nor steps (x in grad(f(x, y), [x, y])).
        var free = NamesUsed(p, part.Require.Append(part.Answer).OfType<Expr>())
            .Where(n => !givens.Contains(n) && !stepNames.Contains(n)).ToHashSet(StringComparer.Ordinal);
        var bindable = givens.Concat(free).ToList();
        var visible = givens.Concat(stepNames).Concat(part.At.Select(a => a.Key)).Concat(part.Submit.Select(s => s.Key))
            .Concat(part.Implement?.Parameters.Select(x => x.Name) ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, e) in part.At)
        {
            CheckBinding(key, e.Location, "at:", stepNames, bindable, errors);
            CheckExpr(e, p, errors, name => givens.Contains(name) || stepNames.Contains(name) ? null : Unknown(name, givens.Concat(stepNames)));
        }
        foreach (var (key, _) in part.Submit)
        {
            CheckBinding(key, part.Location, "submit:", stepNames, bindable, errors);
        }
        foreach (var e in part.Require.Append(part.Answer).Concat(part.Mistakes.Select(x => x.Answer)).OfType<Expr>())
        {
            CheckExpr(e, p, errors, name => visible.Contains(name) ? null : Unknown(name, visible));
        }
        if (part.Implement is not { } sig)
        {
            return;
        }
        var parameters = sig.Parameters.Select(x => x.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var prm in sig.Parameters.Where(x => !givens.Contains(x.Name) && !free.Contains(x.Name) && part.At.All(a => a.Key != x.Name)))
        {
            errors.Add(new SpecError(part.Location, $"parameter `{prm.Name}` of {sig.Name} is not a given nor a name the answer uses",
                Suggest.DidYouMean(prm.Name, bindable, "parameters bind by name to givens or to the answer's free variables: rename the parameter or add the given")));
        }
        // A free variable that no given or at: binds must be drawn or written out by every case.
        foreach (var prm in sig.Parameters.Where(x => free.Contains(x.Name) && part.At.All(a => a.Key != x.Name)))
        {
            foreach (var c in part.Cases)
            {
                var binds = c switch
                {
                    RandomCases r => r.Generators.Any(g => g.Key == prm.Name),
                    ValuesCase v => v.Values.Any(g => g.Key == prm.Name),
                    _ => false,
                };
                if (!binds)
                {
                    errors.Add(new SpecError(c.Location, $"this case gives no value for `{prm.Name}`, a parameter of {sig.Name} that is not a given",
                        $"draw it in every case, e.g. - random: {{ count: 20, seed: 1, {prm.Name}: uniform(-2, 2, []) }}, or add it under given:"));
                }
            }
        }
        foreach (var c in part.Cases)
        {
            var values = c switch
            {
                RandomCases r => r.Generators,
                ValuesCase v => v.Values,
                _ => [],
            };
            var drawn = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, e) in values)
            {
                if (!parameters.Contains(name))
                {
                    errors.Add(new SpecError(e.Location, $"`{name}` is not a parameter of {sig.Name}",
                        Suggest.DidYouMean(name, parameters, $"a case sets the parameters: {string.Join(", ", parameters)}")));
                }
                CheckExpr(e, p, errors, n => givens.Contains(n) || drawn.Contains(n) ? null : Unknown(n, givens.Concat(drawn)));
                drawn.Add(name);
            }
        }
    }

    /// <summary>The names expressions use, with those the functions they call use beyond their parameters.</summary>
    private static HashSet<string> NamesUsed(Problem p, IEnumerable<Expr> roots)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<(Expr Expr, IReadOnlyCollection<string> Local)>(roots.Select(r => (r, (IReadOnlyCollection<string>)[])));
        while (work.Count > 0)
        {
            var (e, local) = work.Pop();
            foreach (var node in Walk(e))
            {
                if (node is NameExpr n && !local.Contains(n.Name))
                {
                    names.Add(n.Name);
                }
                else if (node is CallExpr c && !ExprTree.MadeByGrader(c) && p.Functions.TryGetValue(c.Name, out var f) && seen.Add(f.Name))
                {
                    work.Push((f.Body, f.Parameters));
                }
            }
        }
        return names;
    }

    /// <summary>A key of at: or submit: binds a given or a free variable of the part; anything else would be ignored.</summary>
    private static void CheckBinding(string key, SourceLocation at, string where, HashSet<string> steps, List<string> bindable, List<SpecError> errors)
    {
        if (bindable.Contains(key))
        {
            return;
        }
        errors.Add(steps.Contains(key)
            ? new SpecError(at, $"`{key}` in {where} is a step, which is computed, not set",
                "set the givens it is computed from, e.g. at: { W: W - eta * grad(L, W) } (the value may use steps)")
            : new SpecError(at, $"`{key}` in {where} names no given and no name the part uses, so it would be ignored",
                Suggest.DidYouMean(key, bindable, $"{where} sets givens or the part's free variables")));
    }

    private static string Unknown(string name, IEnumerable<string> visible) =>
        $"unknown name `{name}`|" + Suggest.DidYouMean(name, visible, "define it under given: or compute: (or as a function parameter)");

    private static void CheckExpr(Expr e, Problem p, List<SpecError> errors, Func<string, string?> resolve)
    {
        foreach (var node in Walk(e))
        {
            switch (node)
            {
                case NameExpr n when resolve(n.Name) is { } problem:
                    var split = problem.Split('|', 2);
                    errors.Add(new SpecError(n.Location, split[0], split.Length > 1 ? split[1] : "reorder the steps so that each uses only what comes before it"));
                    break;
                case CallExpr c when p.Functions.ContainsKey(c.Name) && !ExprTree.MadeByGrader(c):
                    break;
                case CallExpr c when Builtins.All.TryGetValue(c.Name, out var b):
                    var count = c.Args.Count(a => a is not NamedArgExpr);
                    if (count < b.MinArgs || count > b.MaxArgs)
                    {
                        var expected = b.MinArgs == b.MaxArgs ? $"{b.MinArgs}" : $"{b.MinArgs} or {b.MaxArgs}";
                        errors.Add(new SpecError(c.Location, $"{c.Name} takes {expected} argument(s), got {count}", b.Usage));
                    }
                    break;
                case CallExpr c:
                    errors.Add(new SpecError(c.Location, $"unknown function `{c.Name}`",
                        Suggest.DidYouMean(c.Name, Builtins.Names.Concat(p.Functions.Keys),
                            "built-in functions: " + string.Join(", ", Builtins.Names) + "; or define it under functions:")));
                    break;
            }
        }
    }

    public static IEnumerable<Expr> Walk(Expr e) => ExprLimits.Walk(e);

    /// <summary>The cycle through steps `to` -> `from` -> ... -> `to`, or null when `from` does not lead back.</summary>
    private static List<string>? CyclePath(IReadOnlyList<Step> steps, Cycles cycles, int from, int to)
    {
        if (from == to)
        {
            return [steps[to].Name, steps[to].Name];
        }
        if (!cycles.SameCycle(from, to))
        {
            return null;
        }
        var path = cycles.Path(from, to);
        return path is null
            ? [steps[to].Name, steps[from].Name, $"... ({cycles.ComponentSize(to)} steps in all)", steps[to].Name]
            : [steps[to].Name, .. path.Select(k => steps[k].Name)];
    }

    private static void CheckFunctionCycles(Problem p, List<SpecError> errors)
    {
        var functions = p.Functions.Values.ToList();
        var index = functions.Select((f, i) => (f.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var cycles = new Cycles(functions.Select(f => (IReadOnlyList<int>)Walk(f.Body).OfType<CallExpr>()
            .Select(c => index.TryGetValue(c.Name, out var k) ? k : -1).Where(k => k >= 0).Distinct().ToList()).ToList());
        for (var i = 0; i < functions.Count; i++)
        {
            if (!cycles.OnCycle(i))
            {
                continue;
            }
            var f = functions[i];
            IEnumerable<string> names = Walk(f.Body).OfType<CallExpr>().Any(c => c.Name == f.Name) ? [f.Name, f.Name] : CycleThrough(functions, index, cycles, i);
            errors.Add(new SpecError(f.Location, $"cycle: {string.Join(" -> ", names)}; functions may not call themselves", "unroll the recursion into separate functions"));
        }
    }

    /// <summary>f -> g -> ... -> f by the shortest way, through a callee of f in the same cycle.</summary>
    private static IEnumerable<string> CycleThrough(List<FunctionDef> functions, Dictionary<string, int> index, Cycles cycles, int i)
    {
        var f = functions[i];
        var next = Walk(f.Body).OfType<CallExpr>().Select(c => index.TryGetValue(c.Name, out var k) ? k : -1).First(k => k >= 0 && cycles.SameCycle(k, i));
        var path = cycles.Path(next, i);
        return path is null ? [f.Name, functions[next].Name, $"... ({cycles.ComponentSize(i)} functions in all)", f.Name] : [f.Name, .. path.Select(k => functions[k].Name)];
    }
}
