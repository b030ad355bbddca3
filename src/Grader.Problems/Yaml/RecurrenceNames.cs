using System.Text;
using Grader.Problems.Expressions;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Solving;

namespace Grader.Problems.Yaml;

/// <summary>
/// The names of iterates used anywhere in a spec (<c>h[t=3]</c>, <c>h[t=1:]</c>), checked against their recurrence with
/// messages of their own (the name checker would only say "unknown name"), and a step made for each range used: the
/// iterates stacked along a new first axis, iterate 0 (or the range's first) first.
/// </summary>
internal static class RecurrenceNames
{
    public static void Resolve(LoadContext ctx, List<Step> steps, RecurrenceSet set, IReadOnlyDictionary<string, FunctionDef> functions, IReadOnlyList<Part> parts)
    {
        var uses = new List<(Expr Root, Recurrence? Own)>();
        uses.AddRange(steps.Where(s => s.Origin is null).Select(s => (s.Expression, (Recurrence?)null)));
        foreach (var r in set.Valid)
        {
            uses.AddRange(r.Variables.SelectMany(v => new[] { v.Init, v.Update }).OfType<Expr>().Select(e => (e, (Recurrence?)r)));
        }
        uses.AddRange(functions.Values.Select(f => (f.Body, (Recurrence?)null)));
        foreach (var part in parts)
        {
            var roots = part.Require.Append(part.Answer).Concat(part.Mistakes.Select(x => x.Answer)).Concat(part.At.Select(a => a.Value));
            uses.AddRange(roots.OfType<Expr>().Select(e => (e, (Recurrence?)null)));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (root, own) in uses)
        {
            foreach (var n in ExprLimits.Walk(root).OfType<NameExpr>())
            {
                if (IterateName.TryParse(n.Name) is not { } it || own?.Variable(it.Variable) is not null || ctx.Broken.Contains(n.Name))
                {
                    continue;
                }
                if (Problem(it, set) is { } p)
                {
                    ctx.Error(n.Location, p.Message, p.Hint);
                    ctx.Broken.Add(n.Name);
                }
                else if (set.BrokenVariables.Contains(it.Variable))
                {
                    ctx.Broken.Add(n.Name);
                }
                else if (it.IsRange && seen.Add(n.Name))
                {
                    AddStack(steps, set.Owner(it.Variable)!, it, n.Location);
                }
            }
        }
    }

    /// <summary>
    /// A function called in a recurrence's init or update that names one of its state variables in its body (not as a
    /// parameter): there the name is the last iterate, not computed yet. Reported at the name, once per function.
    /// </summary>
    public static void CheckFunctions(LoadContext ctx, RecurrenceSet set, IReadOnlyDictionary<string, FunctionDef> functions)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in set.Valid)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var work = new Stack<Expr>(r.Variables.SelectMany(v => new[] { v.Init, v.Update }).OfType<Expr>());
            while (work.Count > 0)
            {
                foreach (var c in ExprLimits.Walk(work.Pop()).OfType<CallExpr>())
                {
                    if (!functions.TryGetValue(c.Name, out var f) || !seen.Add(f.Name))
                    {
                        continue;
                    }
                    work.Push(f.Body);
                    var use = ExprLimits.Walk(f.Body).OfType<NameExpr>().FirstOrDefault(n => !f.Parameters.Contains(n.Name)
                        && (r.Variable(n.Name) is not null || (IterateName.TryParse(n.Name) is { } it && r.Variable(it.Variable) is { } rv && !(it.At == 0 && rv.Init is not null))));
                    if (use is not null && reported.Add(f.Name))
                    {
                        var v = IterateName.TryParse(use.Name)?.Variable ?? use.Name;
                        ctx.Error(use.Location, $"function `{f.Name}` uses `{use.Name}`, of recurrence `{r.Name}`, and is called in its {(r.Variables.Any(x => x.Init is { } i && ExprLimits.Walk(i).OfType<CallExpr>().Any(k => k.Name == f.Name)) ? "init" : "update")}, where `{v}` is not computed yet",
                            $"outside the recurrence `{v}` is its last iterate; pass the value the step needs as an argument instead (a parameter of `{f.Name}`)");
                    }
                }
            }
        }
    }

    private static (string Message, string Hint)? Problem(IterateName it, RecurrenceSet set)
    {
        if (set.BrokenVariables.Contains(it.Variable))
        {
            return null;
        }
        if (set.Owner(it.Variable) is not { } r)
        {
            var variables = set.Valid.SelectMany(x => x.Variables.Select(v => v.Name)).ToList();
            return ($"`{it}` names an iterate, but `{it.Variable}` is not a state variable of a recurrence",
                Suggest.DidYouMean(it.Variable, variables, variables.Count == 0
                    ? "iterates belong to a recurrence under compute: (steps:, init:, update:); h[3] is element 3 of h"
                    : $"the state variables: {string.Join(", ", variables)}"));
        }
        if (it.Index != r.Index)
        {
            return ($"recurrence `{r.Name}` counts its steps with `{r.Index}`, not `{it.Index}`", $"write {it with { Index = r.Index }}");
        }
        var v = r.Variable(it.Variable)!;
        var range = $"`{v.Name}` has iterates {v.First} to {r.Steps}";
        var noInit = v.Init is null ? $" (it has no init: it is computed at each step from step 1)" : "";
        if (!it.IsRange)
        {
            return it.At > r.Steps ? ($"`{it}` is beyond the last step: recurrence `{r.Name}` runs {r.Steps} steps, so {range}", $"{IterateName.Of(v.Name, r.Index, r.Steps)} (or {v.Name}) is the last; steps: sets how many there are")
                : it.At < v.First ? ($"`{it}` does not exist: {range}{noInit}", $"{IterateName.Of(v.Name, r.Index, 1)} is its first")
                : null;
        }
        var from = it.From ?? v.First;
        var to = it.To ?? r.Steps + 1;
        var hint = $"a range leaves out its end, as a slice does: {v.Name}[{r.Index}={v.First}:] stacks iterates {v.First} to {r.Steps}, {v.Name}[{r.Index}=1:3] iterates 1 and 2";
        return from < v.First || to > r.Steps + 1 ? ($"`{it}` reaches beyond the iterates: {range}{noInit}", hint)
            : from >= to ? ($"`{it}` holds no iterate", hint)
            : null;
    }

    /// <summary>The step <c>h[t=a:b]</c>: the list of its iterates, placed right after its recurrence's steps.</summary>
    private static void AddStack(List<Step> steps, Recurrence r, IterateName it, SourceLocation at)
    {
        var v = r.Variable(it.Variable)!;
        var names = Enumerable.Range(it.From ?? v.First, (it.To ?? r.Steps + 1) - (it.From ?? v.First)).Select(k => IterateName.Of(v.Name, r.Index, k)).ToList();
        var text = new StringBuilder("[");
        var items = new List<Expr>();
        foreach (var name in names)
        {
            if (items.Count > 0)
            {
                text.Append(", ");
            }
            items.Add(new NameExpr(name, text.Length, text.Length + name.Length));
            text.Append(name);
        }
        text.Append(']');
        var source = new ExprSource(text.ToString(), at) { Generated = true };
        var list = new ListExpr(items.Select(i => i with { Source = source }).ToList(), 0, text.Length) { Source = source };
        var after = steps.FindLastIndex(s => s.Origin?.Recurrence == r.Name) + 1;
        steps.Insert(after, new Step(it.ToString(), list, at) { Origin = new StepOrigin(r.Name, v.Name, null, Stacked: true) });
    }

    /// <summary>
    /// The engine refuses to differentiate a gradient (a second derivative). When the gradient is one an update takes at
    /// every step (grad(J(w), w) in an optimizer) and the part differentiates through that recurrence (grad of the final
    /// loss with respect to w0 or the learning rate), the error says so and how to ask instead.
    /// </summary>
    public static void ExplainSecondDerivatives(Problem p, List<SpecError> errors)
    {
        if (p.Recurrences.Count == 0)
        {
            return;
        }
        for (var i = 0; i < errors.Count; i++)
        {
            var e = errors[i];
            if (e.Kind != SpecErrorKind.SecondDerivative || Through(p, e.Location) is not { } found)
            {
                continue;
            }
            var (r, v, call) = found;
            var last = string.Join(", ", r.Variables.Where(x => x.Init is not null).Select(x => x.Name));
            errors[i] = e with
            {
                Message = $"{e.Subject ?? "this"}: differentiates through recurrence `{r.Name}`, whose update of `{v.Name}` takes the gradient"
                    + $" `{ExprLimits.Short(call.Text)}` at every step (line {call.Location.Line}): each iterate depends on the one before through that gradient,"
                    + " so this would be a second derivative, which the engine does not compute",
                Hint = $"differentiate with respect to the last iterates ({last}) or values the updates do not depend on; or write the update's gradient as a formula"
                    + " (for J(w) = 0.5 * w @ A @ w, A @ w where grad(J(w), w) stands): then every step is an ordinary formula and grad reaches through all of them",
            };
        }
    }

    /// <summary>The recurrence, state variable and derivative call that the grad or jacobian written at <paramref name="at"/> differentiates through.</summary>
    private static (Recurrence, RecurrenceVariable, CallExpr)? Through(Problem p, SourceLocation at)
    {
        var roots = p.Steps.Where(s => s.Origin is null).Select(s => s.Expression)
            .Concat(p.Parts.SelectMany(x => x.Require.Append(x.Answer).Concat(x.Mistakes.Select(m => m.Answer)).Concat(x.At.Select(a => a.Value))).OfType<Expr>())
            .Concat(p.Functions.Values.Select(f => f.Body))
            .Concat(p.Recurrences.SelectMany(r => r.Variables.Select(v => v.Update)));
        var failing = roots.SelectMany(ExprLimits.Walk).OfType<CallExpr>().FirstOrDefault(c => IsDerivative(p, c) && c.Location == at);
        if (failing is null)
        {
            return null;
        }
        foreach (var r in p.Recurrences)
        {
            var iterates = p.Steps.Where(s => s.Origin?.Recurrence == r.Name).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            if (CarriedForward.Reached(p, failing, iterates).Count == 0)
            {
                continue;
            }
            foreach (var v in r.Variables)
            {
                if (Derivatives(p, v.Update).FirstOrDefault() is { } call)
                {
                    return (r, v, call);
                }
            }
        }
        return null;
    }

    private static bool IsDerivative(Problem p, CallExpr c) => c.Name is "grad" or "jacobian" && !p.Functions.ContainsKey(c.Name);

    /// <summary>The grad and jacobian calls <paramref name="e"/> makes, directly or in the functions it calls.</summary>
    private static IEnumerable<CallExpr> Derivatives(Problem p, Expr e)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<Expr>([e]);
        while (work.Count > 0)
        {
            foreach (var c in ExprLimits.Walk(work.Pop()).OfType<CallExpr>())
            {
                if (IsDerivative(p, c))
                {
                    yield return c;
                }
                else if (p.Functions.TryGetValue(c.Name, out var f) && seen.Add(f.Name))
                {
                    work.Push(f.Body);
                }
            }
        }
    }
}
