using Grader.Engine;
using Grader.Problems.Expressions;
using Grader.Problems.Feedback;
using Grader.Problems.Model;

namespace Grader.Problems.Solving;

/// <summary>
/// Computes the right answers from a spec with the engine: givens, then steps in order, then each part.
/// </summary>
public static class ReferenceSolver
{
    /// <summary>
    /// A scope holding the givens (with <paramref name="overrides"/> replacing some) and every step computed from them.
    /// With <paramref name="errors"/>, a failing given or step is recorded there and later uses of it are skipped;
    /// without, the first failure throws.
    /// </summary>
    public static Scope BuildScope(Problem p, IEnumerable<KeyValuePair<string, Tensor>>? overrides = null, List<SpecError>? errors = null,
        EvalBudget? budget = null, IReadOnlyDictionary<string, Tensor>? substitute = null, MistakeRule? mistake = null, KinkSide kinks = KinkSide.PyTorch)
    {
        if (p.Givens.FirstOrDefault(g => g.Draw is not null) is { } drawn)
        {
            throw new InvalidOperationException($"given `{drawn.Name}` of {p.Id} is drawn per student: take Variants.ForStudent first");
        }
        var scope = new Scope(p.Functions, new SeededRandom(p.Seed), (budget ?? new EvalBudget(p.Limits)).ForCase()) { Mistake = mistake, Kinks = kinks };
        // Later overrides win: a part's at: first, then a case's or a student's values.
        var over = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, value) in overrides ?? [])
        {
            over[name] = value;
        }
        foreach (var g in p.Givens)
        {
            if (over.Remove(g.Name, out var value))
            {
                scope.Set(g.Name, value);
            }
            else if (g.Literal is not null)
            {
                scope.Set(g.Name, g.Literal);
            }
            else
            {
                Guarded(p, scope, g.Name, errors, () =>
                {
                    var value = Evaluator.Evaluate(g.Expression!, scope);
                    References.CheckGiven(g, value, scope);
                    scope.Set(g.Name, Var.Leaf(value.Value));
                });
            }
        }
        foreach (var (name, value) in over)
        {
            scope.Set(name, value);
        }
        var unrolled = new Dictionary<string, Unrolled>(StringComparer.Ordinal);
        var failedRecurrences = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in p.Steps)
        {
            if (errors is null)
            {
                Func<Var> compute = substitute is not null && substitute.TryGetValue(step.Name, out var theirs)
                    ? () => Ops.Substitute(EvaluateStep(p, step, scope), theirs)
                    : () => EvaluateStep(p, step, scope);
                if (step.Origin is { Iteration: not null } origin)
                {
                    // An iterate computes those before it first, in order: never one lazy step inside another, 1,000 deep.
                    var group = unrolled.TryGetValue(origin.Recurrence, out var g) ? g : unrolled[origin.Recurrence] = new Unrolled(scope);
                    var position = group.Add(step.Name);
                    var inner = compute;
                    compute = () =>
                    {
                        group.ComputeBefore(position);
                        return inner();
                    };
                }
                scope.SetLazy(step.Name, compute);
            }
            else if (step.Origin is { } o && failedRecurrences.Contains(o.Recurrence))
            {
                // One failure per recurrence: the iterates after it would only repeat it (or the spent budget, a thousand times).
                scope.Failed.Add(step.Name);
            }
            else
            {
                Guarded(p, scope, step.Name, errors, () => scope.Set(step.Name, EvaluateStep(p, step, scope)), step);
                if (step.Origin is { } failed && scope.Failed.Contains(step.Name))
                {
                    failedRecurrences.Add(failed.Recurrence);
                }
            }
        }
        return scope;
    }

    /// <summary>The iterates of one recurrence in a scope, in the order they are computed.</summary>
    private sealed class Unrolled(Scope scope)
    {
        private readonly List<string> _names = [];
        private int _done;

        public int Add(string name)
        {
            _names.Add(name);
            return _names.Count - 1;
        }

        public void ComputeBefore(int position)
        {
            while (_done < position)
            {
                scope.TryGet(_names[_done++], out _);
            }
        }
    }

    /// <summary>A step's value; a stack of iterates that cannot be made says which and why.</summary>
    private static Var EvaluateStep(Problem p, Step step, Scope scope)
    {
        if (step.Origin is not { Stacked: true } origin)
        {
            return Evaluator.Evaluate(step.Expression, scope);
        }
        try
        {
            // A list of the iterates, evaluated as any list is: a stack of matrices follows what lists of them become.
            return Evaluator.Evaluate(step.Expression, scope);
        }
        catch (ExprException ex) when (ex is not BudgetExceededException)
        {
            var shapes = ((ListExpr)step.Expression).Items.Select(i => scope.TryGet(((NameExpr)i).Name, out var v) ? v.Value : null).ToList();
            if (shapes.Any(v => v is null))
            {
                throw;
            }
            var distinct = shapes.Select(v => Tensor.FormatShape(v!.Shape)).Distinct().ToList();
            var reason = ex.Reason;
            throw new ExprException(step.Location, distinct.Count == 1
                ? $"`{step.Name}` stacks the iterates of `{origin.Variable}`, each of shape {distinct[0]}, into a value of rank {shapes[0]!.Rank + 1}, which the engine refuses ({reason})"
                : $"`{step.Name}` stacks the iterates of `{origin.Variable}`, which change shape ({string.Join(", ", distinct)}): {reason}",
                $"a stack of iterates has one axis more than each iterate; where that is more than this grader holds, name the iterates one by one ({IterateName.Of(origin.Variable, p.Recurrences.First(r => r.Name == origin.Recurrence).Index, 1)}, ...)");
        }
    }

    private static void Guarded(Problem p, Scope scope, string name, List<SpecError>? errors, Action action, Step? step = null)
    {
        if (errors is null)
        {
            action();
            return;
        }
        try
        {
            action();
        }
        catch (ExprException ex)
        {
            // The budget is spent by the whole spec: say in which step it ran out.
            var error = ex is BudgetExceededException { Limit: not LimitKind.Elements } budget
                ? budget.In($"in {(p.Steps.Any(x => x.Name == name) ? "step" : "given")} `{name}`").ToSpecError()
                : ex.ToSpecError();
            errors.Add(ex is BudgetExceededException ? error
                : step?.Origin is { Iteration: { } k } o && p.Recurrences.First(r => r.Name == o.Recurrence) is var r ? error with
                {
                    Message = $"{error.Message} (recurrence `{o.Recurrence}`, {(k == 0 ? "init" : $"step {r.Index} = {k}")})",
                    Hint = error.Hint ?? $"the update runs at each step {r.Index} = 1 to {r.Steps}: check the values it takes at the first and the last step",
                }
                : error);
            scope.Failed.Add(name);
        }
        catch (DependsOnFailedStepException)
        {
            scope.Failed.Add(name);
        }
    }

    public static Tolerance ToleranceOf(Problem p, Part part, CaseSpec? c = null) =>
        c?.Tolerance ?? part.Tolerance ?? p.Tolerance ?? Tolerance.Default;

    /// <summary>Every part's reference answer.</summary>
    /// <summary>Every part's reference answer; one <see cref="EvalBudget"/> bounds the whole run.</summary>
    public static IReadOnlyList<PartSolution> Solve(Problem p)
    {
        var budget = new EvalBudget(p.Limits);
        var baseScope = BuildScope(p, budget: budget);
        return p.Parts.Select(part => SolvePart(p, part, baseScope, budget)).ToList();
    }

    public static PartSolution SolvePart(Problem p, Part part, Scope? baseScope = null, EvalBudget? budget = null)
    {
        budget ??= new EvalBudget(p.Limits);
        var tolerance = ToleranceOf(p, part);
        switch (part.Kind)
        {
            case PartKind.Answer:
                var scope = PartScope(p, part, baseScope, budget);
                // Each part's own work (its gradient, say) is a case of its own; the steps are counted once, where computed.
                scope = ReferenceEquals(scope, baseScope) ? scope.Child(budget.ForCase()) : scope;
                var answer = Evaluator.Evaluate(part.Answer!, scope);
                References.CheckFinite(p, part, answer, scope, null);
                return AnswerSolution(p, part, answer.Value, tolerance, budget);
            case PartKind.Implement:
                return new PartSolution(part, null, Cases(p, part, budget), tolerance);
            default:
                return new PartSolution(part, null, [], tolerance);
        }
    }

    private static PartSolution AnswerSolution(Problem p, Part part, Tensor expected, Tolerance tolerance, EvalBudget budget) =>
        new(part, expected, [], tolerance)
        {
            Bounds = part.AnySubgradient ? SubgradientBounds.Of(part.Answer!, expected, (more, kinks) => PartScope(p, part, null, budget, more, kinks: kinks)) : null,
        };

    private static Scope PartScope(Problem p, Part part, Scope? baseScope, EvalBudget budget, IEnumerable<KeyValuePair<string, Tensor>>? more = null,
        IReadOnlyDictionary<string, Tensor>? substitute = null, MistakeRule? mistake = null, KinkSide kinks = KinkSide.PyTorch)
    {
        if (part.At.Count == 0 && more is null && substitute is null && mistake is null && kinks == KinkSide.PyTorch)
        {
            return baseScope ?? BuildScope(p, budget: budget);
        }
        var atScope = BuildScope(p, budget: budget, mistake: mistake, kinks: kinks);
        var overrides = part.At.Select(a => new KeyValuePair<string, Tensor>(a.Key, Evaluator.Evaluate(a.Value, atScope).Value)).ToList();
        return BuildScope(p, overrides.Concat(more ?? []), budget: budget, substitute: substitute, mistake: mistake, kinks: kinks);
    }

    /// <summary>
    /// Evaluates <paramref name="answer"/> (the part's own by default) in a fresh scope of the part: with a case's
    /// <paramref name="inputs"/>, and with steps whose values are replaced by <paramref name="substitute"/> (what
    /// follows them is computed from the replacement), as a student who makes <paramref name="mistake"/> computes it.
    /// </summary>
    public static Tensor EvaluatePart(Problem p, Part part, Expr? answer = null, IEnumerable<KeyValuePair<string, Tensor>>? inputs = null,
        IReadOnlyDictionary<string, Tensor>? substitute = null, MistakeRule? mistake = null)
    {
        var scope = PartScope(p, part, null, new EvalBudget(p.Limits), inputs?.ToList() ?? [], substitute, mistake);
        return Evaluator.Evaluate(answer ?? part.Answer!, scope).Value;
    }

    /// <summary>The inputs of every case of an implement part, in parameter order, with the engine's answers.</summary>
    public static IReadOnlyList<ReferenceCase> Cases(Problem p, Part part, EvalBudget? budget = null)
    {
        budget ??= new EvalBudget(p.Limits);
        var sig = part.Implement!;
        var result = new List<ReferenceCase>();
        var givenScope = PartScope(p, part, null, budget);
        foreach (var spec in part.Cases)
        {
            foreach (var inputs in CaseInputs(p, spec, givenScope, budget))
            {
                var complete = sig.Parameters.Select(prm => new KeyValuePair<string, Tensor>(prm.Name,
                    inputs.TryGetValue(prm.Name, out var v) ? v
                    : givenScope.TryGet(prm.Name, out var g) ? g.Value
                    : throw new ExprException(spec.Location, $"case {result.Count + 1} of part `{part.Id}` gives no value for `{prm.Name}`",
                        "draw it in every case or add it under given:"))).ToList();
                References.CheckInputs(part, complete, spec, result.Count + 1);
                var scope = PartScope(p, part, null, budget, complete);
                Tensor expected;
                try
                {
                    var answer = Evaluator.Evaluate(part.Answer!, scope);
                    References.CheckFinite(p, part, answer, scope, result.Count + 1);
                    expected = answer.Value;
                }
                catch (BudgetExceededException ex)
                {
                    var shapes = string.Join(", ", complete.Select(kv => $"{kv.Key} {Tensor.FormatShape(kv.Value.Shape)}"));
                    throw ex.In($"case {result.Count + 1} of part `{part.Id}` ({shapes})");
                }
                catch (ExprException ex) when (ex is not NonFiniteReferenceException)
                {
                    var shapes = string.Join(", ", complete.Select(kv => $"{kv.Key} {Tensor.FormatShape(kv.Value.Shape)}"));
                    throw new ExprException(ex.Location, $"case {result.Count + 1} of part `{part.Id}` ({shapes}): {ex.Message}",
                        ex.Hint ?? "check that the case's random shapes fit the answer's formula");
                }
                result.Add(new ReferenceCase(result.Count, complete, expected, spec.Hidden || part.Hidden, ToleranceOf(p, part, spec))
                {
                    Bounds = part.AnySubgradient ? SubgradientBounds.Of(part.Answer!, expected, (more, kinks) => PartScope(p, part, null, budget, complete.Concat(more), kinks: kinks)) : null,
                });
            }
        }
        return result;
    }

    private static Tensor Lookup(Scope scope, string name) =>
        scope.TryGet(name, out var v) ? v.Value : throw new InvalidOperationException($"no value for {name}");

    private static IEnumerable<Dictionary<string, Tensor>> CaseInputs(Problem p, CaseSpec spec, Scope givens, EvalBudget budget)
    {
        switch (spec)
        {
            case GivenCase:
                yield return [];
                break;
            case ValuesCase v:
                yield return Draw(v.Values, givens.Child());
                break;
            case RandomCases r:
                // One generator per random block: case k draws its values after cases 0..k-1, in the order written.
                var scope = new Scope(p.Functions, new SeededRandom(r.Seed), budget.ForCase());
                foreach (var g in p.Givens)
                {
                    scope.Set(g.Name, Lookup(givens, g.Name));
                }
                for (var k = 0; k < r.Count; k++)
                {
                    yield return Draw(r.Generators, scope.Child());
                }
                break;
        }
    }

    private static Dictionary<string, Tensor> Draw(IReadOnlyList<KeyValuePair<string, Expr>> values, Scope scope)
    {
        var drawn = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, e) in values)
        {
            var t = Evaluator.Evaluate(e, scope).Value;
            drawn[name] = t;
            scope.Set(name, t);
        }
        return drawn;
    }

    /// <summary>
    /// Checks a property part's conditions with the student's values bound to the submitted names. The steps
    /// (compute: and network:) are computed from the submitted values, which replace givens of the same name.
    /// A condition over a value that is not finite does not hold.
    /// </summary>
    public static PropertyResult CheckProperty(Problem p, Part part, IReadOnlyDictionary<string, Tensor> submitted, EvalBudget? budget = null)
    {
        var scope = PartScope(p, part, null, budget ?? new EvalBudget(p.Limits), submitted);
        var holds = true;
        var details = new List<string>();
        foreach (var condition in part.Require)
        {
            var value = Evaluator.Evaluate(condition, scope).Value;
            var sides = condition is BinaryExpr { Op: "<" or "<=" or ">" or ">=" or "==" or "!=" } b ? new[] { b.Left, b.Right } : [];
            var values = sides.Select(e => (e, Evaluator.Evaluate(e, scope).Value)).ToList();
            var notFinite = values.FirstOrDefault(v => v.Value.ToArray().Any(x => !double.IsFinite(x)));
            var ok = value.Size > 0 && value.ToArray().All(x => x != 0 && double.IsFinite(x)) && notFinite.e is null;
            holds &= ok;
            if (notFinite.e is { } bad)
            {
                details.Add($"fails: {condition.Text} (`{bad.Text}` is not finite: {notFinite.Value})");
                continue;
            }
            var lhs = values.Count > 0 ? $"{values[0].e.Text} = {values[0].Value}; " : "";
            details.Add($"{(ok ? "holds" : "fails")}: {condition.Text} ({lhs}needed {(ok ? "and met" : "but not met")})");
        }
        return new PropertyResult(holds, details);
    }

    /// <summary>Evaluates everything once to find errors a name check cannot: shapes, bad random shapes, mismatched types.</summary>
    public static void Validate(Problem p, List<SpecError> errors, List<SpecError>? warnings = null)
    {
        // One budget for everything, as solve has: validation runs all that solve and grading run, and more.
        var budget = new EvalBudget(p.Limits);
        var scope = BuildScope(p, null, errors, budget);
        try
        {
            ValidateParts(p, errors, scope, budget);
        }
        finally
        {
            warnings?.AddRange(scope.Warnings);
        }
    }

    /// <summary>
    /// The numbers one grading run may carry to a submission (every implement case's inputs) and back (its answers):
    /// a run's request and its reply are each one JSON frame of at most 64 MiB (Grader.Protocol's Framing), at most
    /// 25 bytes a number. A 784-256-10 MLP's case on 64 samples sends 253,770.
    /// </summary>
    public const int MaxRunNumbers = 2_500_000;

    private static void ValidateParts(Problem p, List<SpecError> errors, Scope scope, EvalBudget budget)
    {
        var traffic = new Traffic();
        foreach (var part in p.Parts)
        {
            try
            {
                ValidatePart(p, part, scope, errors, budget, traffic);
            }
            catch (BudgetExceededException ex) when (ex is { Limit: not LimitKind.Elements, Placed: false })
            {
                // The place may be inside a function: say which part ran out.
                errors.Add(ex.In($"in part `{part.Id}`").ToSpecError());
            }
            catch (ExprException ex)
            {
                errors.Add(ex.ToSpecError());
            }
            catch (DependsOnFailedStepException)
            {
                // The failed step was reported where it is defined.
            }
        }
        traffic.Check(errors);
    }

    /// <summary>What a grading run sends to a submission and expects back, counted over the parts, with the first part past the bound.</summary>
    private sealed class Traffic
    {
        private long _sent;
        private long _returned;
        private Part? _sentOver;
        private Part? _returnedOver;

        public void Add(Part part, long sent, long returned)
        {
            _sent += sent;
            _returned += returned;
            _sentOver ??= _sent > MaxRunNumbers ? part : null;
            _returnedOver ??= _returned > MaxRunNumbers ? part : null;
        }

        public void Check(List<SpecError> errors)
        {
            const string hint = "a run carries every case's inputs to the submission and every answer back: use fewer or smaller cases (the given values' case and a hidden random case or two are enough for a large network), or split the parts into two problems";
            if (_sentOver is { } sent)
            {
                errors.Add(new SpecError(sent.Location, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the cases of the implement parts pass {_sent:N0} numbers to a submission in all; one grading run can carry at most {MaxRunNumbers:N0} (reached at part `{sent.Id}`)"), hint));
            }
            if (_returnedOver is { } returned)
            {
                errors.Add(new SpecError(returned.Location, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the answers of the parts hold {_returned:N0} numbers in all; one grading run can carry at most {MaxRunNumbers:N0} back (reached at part `{returned.Id}`)"), hint));
            }
        }
    }

    private static void ValidatePart(Problem p, Part part, Scope scope, List<SpecError> errors, EvalBudget budget, Traffic traffic)
    {
        switch (part.Kind)
        {
            case PartKind.Answer:
                var solved = SolvePart(p, part, part.At.Count == 0 ? scope : null, budget);
                traffic.Add(part, 0, solved.Expected!.Size);
                foreach (var m in part.Mistakes)
                {
                    var value = Evaluator.Evaluate(m.Answer, PartScope(p, part, null, budget, []));
                    if (!value.Value.SameShape(solved.Expected!))
                    {
                        errors.Add(new SpecError(m.Answer.Location, $"the mistake `{m.Id}` of part `{part.Id}` has shape {Tensor.FormatShape(value.Value.Shape)}, the answer {Tensor.FormatShape(solved.Expected!.Shape)}",
                            "a mistake is what a student would answer: the same shape as the right answer"));
                    }
                }
                break;
            case PartKind.Property:
                var zeros = part.Submit.ToDictionary(s => s.Key, s => Tensor.Zeros(s.Value));
                traffic.Add(part, 0, zeros.Values.Sum(z => (long)z.Size));
                CheckProperty(p, part, zeros, budget);
                break;
            case PartKind.Implement:
                var sig = part.Implement!;
                // Every case, as grading computes them: a spec whose shapes vary by draw fails here, not later.
                var cases = Cases(p, part, budget);
                traffic.Add(part, cases.Sum(c => c.Inputs.Sum(i => (long)i.Value.Size)), cases.Sum(c => (long)c.Expected.Size));
                foreach (var c in cases)
                {
                    foreach (var (name, value) in c.Inputs)
                    {
                        var type = sig.Parameters.First(x => x.Name == name).Type;
                        CheckType(errors, part, $"parameter `{name}` of {sig.Name}", type, value);
                    }
                    CheckType(errors, part, $"the result of {sig.Name}", sig.ReturnType, c.Expected);
                }
                break;
        }
    }

    private static void CheckType(List<SpecError> errors, Part part, string what, string type, Tensor value)
    {
        var rank = MethodSignature.Types[type];
        var fits = value.Rank == rank || (rank == 0 && value.Size == 1);
        if (fits && type == "int" && value[0] != Math.Floor(value[0]))
        {
            fits = false;
        }
        if (!fits)
        {
            var message = $"{what} is declared {type} but its value has shape {Tensor.FormatShape(value.Shape)}";
            if (errors.All(e => e.Message != message))
            {
                errors.Add(new SpecError(part.Location, message, "make the C# type match the value: double for [], double[] for [n], double[,] for [r, c]"
                    + (value.Rank > 2 ? $", {MethodSignature.TypeOfRank(value.Rank)} or {MethodSignature.JaggedTypeOfRank(value.Rank)} for {value.Rank} axes" : "")));
            }
        }
    }
}
