using Grader.Problems.Expressions;
using Grader.Problems.Model;

namespace Grader.Problems.Yaml;

/// <summary>
/// Static checks that need no evaluation: every name is defined before it is used, no step or function
/// depends on itself, every call names a known function with the right number of arguments. Each given, step,
/// function and part with an error of its own is recorded (names, and parts by index), so that the evaluation leaves
/// it and what uses it out.
/// </summary>
internal static class NameChecker
{
    /// <summary>What is wrong with a name where it is used, before it is placed.</summary>
    private sealed record NameProblem(string Message, string Hint, SpecErrorKind Kind = SpecErrorKind.Other);

    public static void Check(Problem p, List<SpecError> errors, ISet<string> broken, ISet<int> brokenParts)
    {
        var givens = p.Givens.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var stepIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < p.Steps.Count; i++)
        {
            var step = p.Steps[i];
            if (givens.Contains(step.Name) || stepIndex.ContainsKey(step.Name))
            {
                errors.Add(new SpecError(step.Location, $"`{step.Name}` is defined twice (as a given or step)", "give each value its own name"));
                broken.Add(step.Name);
            }
            stepIndex.TryAdd(step.Name, i);
        }
        var submitNames = p.Parts.SelectMany(x => x.Submit.Select(s => s.Key)).ToHashSet(StringComparer.Ordinal);

        // Givens may use earlier givens.
        var earlier = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in p.Givens)
        {
            if (g.Expression is { } e && CheckExpr(e, p, errors, name => earlier.Contains(name) ? null
                : givens.Contains(name) ? Before($"`{name}` is used before it is defined: move it above `{g.Name}` in given:") : Unknown(p, name, earlier)))
            {
                broken.Add(g.Name);
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
            var failed = CheckExpr(step.Expression, p, errors, name =>
            {
                if (givens.Contains(name) || (stepIndex.TryGetValue(name, out var j) && j < index))
                {
                    return null;
                }
                if (stepIndex.TryGetValue(name, out j))
                {
                    var cycle = CyclePath(p.Steps, stepCycles.Value, j, index);
                    return Before(cycle is not null
                        ? $"cycle: {string.Join(" -> ", cycle)}; a step cannot depend on itself"
                        : $"`{name}` is used before it is defined: move step `{name}` above `{step.Name}`");
                }
                return Unknown(p, name, givens.Concat(stepIndex.Keys.Take(index)));
            });
            if (failed)
            {
                broken.Add(step.Name);
            }
        }

        // Function bodies see their parameters, the givens, every step and every submitted name.
        foreach (var f in p.Functions.Values)
        {
            var visible = f.Parameters.Concat(givens).Concat(stepIndex.Keys).Concat(submitNames).ToHashSet(StringComparer.Ordinal);
            if (CheckExpr(f.Body, p, errors, name => visible.Contains(name) ? null : Unknown(p, name, visible)))
            {
                broken.Add(f.Name);
            }
        }
        broken.UnionWith(CheckFunctionCycles(p, errors));

        for (var i = 0; i < p.Parts.Count; i++)
        {
            var before = errors.Count;
            CheckPart(p, p.Parts[i], givens, stepIndex.Keys, errors);
            if (errors.Count > before)
            {
                brokenParts.Add(i);
            }
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
            CheckExpr(e, p, errors, name => givens.Contains(name) || stepNames.Contains(name) ? null : Unknown(p, name, givens.Concat(stepNames)));
        }
        foreach (var (key, _) in part.Submit)
        {
            CheckBinding(key, part.Location, "submit:", stepNames, bindable, errors);
        }
        foreach (var e in part.Require.Append(part.Answer).Concat(part.Mistakes.Select(x => x.Answer)).OfType<Expr>())
        {
            CheckExpr(e, p, errors, name => visible.Contains(name) ? null : Unknown(p, name, visible));
        }
        if (part.Implement is not { } sig)
        {
            return;
        }
        var parameters = sig.Parameters.Select(x => x.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var prm in sig.Parameters.Where(x => !givens.Contains(x.Name) && !free.Contains(x.Name) && part.At.All(a => a.Key != x.Name)))
        {
            errors.Add(new SpecError(part.Location, $"parameter `{prm.Name}` of {sig.Name} is not a given nor a name the answer uses",
                Suggest.DidYouMean(prm.Name, bindable, "parameters bind by name to givens or to the answer's free variables: rename the parameter or add the given"))
            { Kind = SpecErrorKind.UnboundParameter, Subject = prm.Name });
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
                CheckExpr(e, p, errors, n => givens.Contains(n) || drawn.Contains(n) ? null : Unknown(p, n, givens.Concat(drawn)));
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

    private static NameProblem Before(string message) => new(message, "reorder the steps so that each uses only what comes before it");

    /// <summary>An unknown value's name: a function's name said to be one, else a did-you-mean among the values in sight only.</summary>
    private static NameProblem Unknown(Problem p, string name, IEnumerable<string> visible) => new($"unknown name `{name}`",
        p.Functions.ContainsKey(name) || Builtins.All.ContainsKey(name)
            ? $"`{name}` is a function{(p.Functions.ContainsKey(name) ? " of the spec" : "")}: call it, as {name}(x), or define a value of that name under given: or compute:"
            : Suggest.DidYouMean(name, visible, "define it under given: or compute: (or as a function parameter)"),
        SpecErrorKind.UnknownName);

    /// <summary>Checks every name and call of <paramref name="e"/>; true when it reported an error.</summary>
    private static bool CheckExpr(Expr e, Problem p, List<SpecError> errors, Func<string, NameProblem?> resolve)
    {
        var before = errors.Count;
        foreach (var node in Walk(e))
        {
            switch (node)
            {
                case NameExpr n when (Evaluator.Constants.ContainsKey(n.Name) || n.Name == "None") && resolve(n.Name) is not null:
                    // inf, true, false and None mean themselves where the spec does not name a value so.
                    break;
                case NameExpr n when resolve(n.Name) is { } problem:
                    errors.Add(new SpecError(n.Location, problem.Message, problem.Hint) { Kind = problem.Kind, Subject = n.Name });
                    break;
                case CallExpr c when p.Functions.ContainsKey(c.Name) && !ExprTree.MadeByGrader(c):
                    break;
                case CallExpr c when Builtins.All.TryGetValue(c.Name, out var b):
                    var count = c.Args.Count(a => a is not NamedArgExpr);
                    if ((count < b.MinArgs && !c.Args.OfType<NamedArgExpr>().Any()) || count > b.MaxArgs)
                    {
                        var expected = b.Variadic ? $"at least {b.MinArgs}" : b.MinArgs == b.MaxArgs ? $"{b.MinArgs}" : $"{b.MinArgs} to {b.MaxArgs}";
                        errors.Add(new SpecError(c.Location, $"{c.Name} takes {expected} argument(s), got {count}", b.Usage));
                    }
                    break;
                case CallExpr c:
                    errors.Add(new SpecError(c.Location, $"unknown function `{c.Name}`", UnknownFunctionHint(p, c.Name))
                    { Kind = SpecErrorKind.UnknownFunction, Subject = c.Name });
                    break;
            }
        }
        return errors.Count > before;
    }

    /// <summary>A value's name called as a function is said to be a value; else a did-you-mean among functions only.</summary>
    private static string UnknownFunctionHint(Problem p, string name)
    {
        if (p.Givens.Any(g => g.Name == name) || p.Steps.Any(s => s.Name == name))
        {
            return $"`{name}` is a value, not a function: for a product write {name} * (...) or {name} @ (...)";
        }
        return Suggest.DidYouMean(name, Builtins.Names.Concat(p.Functions.Keys),
            "built-in functions: " + string.Join(", ", Builtins.Names) + "; or define it under functions:");
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

    /// <summary>Reports every function on a cycle; returns their names.</summary>
    private static List<string> CheckFunctionCycles(Problem p, List<SpecError> errors)
    {
        var onCycle = new List<string>();
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
            onCycle.Add(f.Name);
            IEnumerable<string> names = Walk(f.Body).OfType<CallExpr>().Any(c => c.Name == f.Name) ? [f.Name, f.Name] : CycleThrough(functions, index, cycles, i);
            errors.Add(new SpecError(f.Location, $"cycle: {string.Join(" -> ", names)}; functions may not call themselves", "unroll the recursion into separate functions"));
        }
        return onCycle;
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
