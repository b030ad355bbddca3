using Grader.Engine;
using Grader.Grading.Reports;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Release;
using Grader.Problems.Solving;
using Grader.Protocol;

namespace Grader.Grading;

/// <summary>
/// What a student's kit can check without the answer key (<see cref="PublicSpec"/>): every part answered with a
/// value of the right shape that is finite, every method found with its signature and running on its public examples
/// (or, without any, on the given values), every public example passing. Nothing is scored: a report of status
/// <see cref="Status.Checked"/> whose parts are <see cref="Status.Ready"/> or say what to fix.
/// </summary>
public static class PublicCheck
{
    /// <summary>The line every public check report carries.</summary>
    public const string Note = "public check: no answer key here, so values are not graded; they are graded when you submit";

    /// <summary>The calls to make: each method part's public examples, or one call on the given values when it has none.</summary>
    public static CallRequest[] Calls(PublicSpec spec, string? student)
    {
        var drawn = Variants.Draw(spec.Id, student ?? "", spec.Givens.Select(g => g.Draw));
        var givens = spec.Givens.Select((g, i) => (g.Name, Value: drawn[i] ?? g.Value)).Where(g => g.Value is not null)
            .ToDictionary(g => g.Name, g => g.Value!, StringComparer.Ordinal);
        var calls = new List<CallRequest>();
        foreach (var part in spec.Parts.Where(p => p.Kind == PartKind.Implement))
        {
            var sig = part.Implement!;
            var types = sig.Parameters.Select(p => p.Type).ToArray();
            IEnumerable<IEnumerable<Tensor>> inputs = part.Examples.Count > 0
                ? part.Examples.Select(e => e.Inputs.Select(kv => kv.Value))
                : sig.Parameters.All(p => givens.ContainsKey(p.Name)) ? [sig.Parameters.Select(p => givens[p.Name])]
                // No value for some parameter: the call still finds the method (or says it is missing), with stand-ins.
                : [sig.Parameters.Select(prm => Tensor.Zeros(new int[MethodSignature.Types[prm.Type]]))];
            calls.AddRange(inputs.Select((args, k) => new CallRequest(part.Id, k, sig.Name, types, sig.ReturnType, [.. args.Select(GradingProblem.ToDto)])));
        }
        return [.. calls];
    }

    public static SubmissionReport Report(PublicSpec spec, string student, RunResult run, string? sandbox)
    {
        var answers = new Dictionary<string, AnswerResult>(StringComparer.Ordinal);
        foreach (var a in run.Answers)
        {
            answers[a.PartId] = a;
        }
        var known = spec.Parts.SelectMany(p => p.Kind == PartKind.Property ? p.Submit.Select(s => $"{p.Id}.{s.Key}").Append(p.Id) : [p.Id]).ToHashSet();
        var warnings = answers.Keys.Where(k => !known.Contains(k))
            .Select(id => $"Answer(\"{id}\", ...) names no part of {spec.Id}; it was ignored (parts: {string.Join(", ", spec.Parts.Select(p => p.Id))})")
            .Concat(run.Answers.GroupBy(a => a.PartId).Where(g => g.Count() > 1).Select(g => $"part {g.Key} was answered {g.Count()} times; the last answer is the one graded"))
            .Take(SubmissionGrader.MaxWarnings).ToList();
        var parts = spec.Parts.Select(p => p.Kind switch
        {
            PartKind.Answer => Value(p, answers),
            PartKind.Implement => Method(p, run.Calls.Where(c => c.PartId == p.Id).ToList(), CanRun(spec, p)),
            _ => Values(p, answers),
        }).ToList();
        var ready = parts.Count(p => p.Status == Status.Ready);
        return new SubmissionReport
        {
            Problem = spec.Id,
            Student = student,
            Score = 0,
            MaxScore = spec.Points,
            Status = Status.Checked,
            Message = ready == parts.Count
                ? $"ready to submit: every part answered ({Note})"
                : $"{parts.Count - ready} of {parts.Count} part(s) to fix before you submit ({Note})",
            Parts = parts,
            Warnings = warnings,
            Output = string.IsNullOrEmpty(run.Output) ? null : run.Output + (run.OutputTruncated ? "\n[output truncated]" : ""),
            Sandbox = sandbox,
        };
    }

    /// <summary>Whether the check found nothing to fix.</summary>
    public static bool IsReady(SubmissionReport r) => r.Status == Status.Checked && r.Parts.All(p => p.Status == Status.Ready);

    private static PartReport Part(PublicPart p, string status, string feedback) => new(p.Id, 0, p.Points, status, feedback);

    private static PartReport Value(PublicPart p, Dictionary<string, AnswerResult> answers)
    {
        if (!answers.TryGetValue(p.Id, out var a))
        {
            return Part(p, Status.Missing, $"no answer yet: call Answer(\"{p.Id}\", value) with {Expected(p.Shape)}");
        }
        return a.IsDelegate ? Part(p, Status.Error, "a function was given, but this part asks for a value")
            : a.Value is null ? Part(p, Status.Error, $"the answer cannot be read: {a.Error}")
            : Problem(a.Value, p.Shape, "the answer") is { } problem ? Part(p, Status.Incorrect, problem)
            : Part(p, Status.Ready, $"answered with {Expected(p.Shape ?? a.Value.Shape)}; its value is graded when you submit");
    }

    private static PartReport Values(PublicPart p, Dictionary<string, AnswerResult> answers)
    {
        var missing = p.Submit.Where(s => !answers.ContainsKey($"{p.Id}.{s.Key}")).Select(s => s.Key).ToList();
        if (missing.Count > 0)
        {
            return Part(p, Status.Missing, $"no value yet for {string.Join(", ", missing)}: call Answer(\"{p.Id}.<name>\", value) for each");
        }
        foreach (var (name, shape) in p.Submit)
        {
            var a = answers[$"{p.Id}.{name}"];
            if (a.Value is null)
            {
                return Part(p, Status.Error, $"{name} cannot be read: {(a.IsDelegate ? "a function was given" : a.Error)}");
            }
            if (Problem(a.Value, shape, name) is { } problem)
            {
                return Part(p, Status.Incorrect, problem);
            }
        }
        return Part(p, Status.Ready, $"{string.Join(", ", p.Submit.Select(s => s.Key))} answered with the right shapes; the condition is checked when you submit");
    }

    /// <summary>Whether a method part's call has real inputs: public examples, or a given for every parameter.</summary>
    private static bool CanRun(PublicSpec spec, PublicPart p) =>
        p.Examples.Count > 0 || p.Implement!.Parameters.All(prm => spec.Givens.Any(g => g.Name == prm.Name && (g.Value is not null || g.Draw is not null)));

    /// <param name="canRun">False: the call only finds the method (its inputs are empty stand-ins), and its outcome says nothing more.</param>
    private static PartReport Method(PublicPart p, List<CallResult> calls, bool canRun)
    {
        var sig = p.Implement!;
        if (calls.Count == 0)
        {
            return Part(p, Status.Error, "the method was not called (the run ended before it)");
        }
        var first = calls[0];
        if (first.Failure == CallFailure.NoMethod)
        {
            return Part(p, Status.Missing, $"no method {sig}{first.NearMissNote}");
        }
        if (first.Failure == CallFailure.WrongSignature)
        {
            return Part(p, Status.Error, $"{first.Error}: write it as {sig}");
        }
        if (calls.Any(c => c.Failure == CallFailure.NotImplemented))
        {
            return Part(p, Status.Missing, $"{sig.Name} is not written yet: it throws NotImplementedException, as the starter's does");
        }
        if (!canRun)
        {
            return Part(p, Status.Ready, $"{sig.Name} found with its signature; not run here (this problem publishes no example of it, and its parameters are not givens), so it runs on its cases only when you submit");
        }
        for (var k = 0; k < calls.Count; k++)
        {
            var c = calls[k];
            var which = p.Examples.Count > 0 ? $"public example {k + 1}" : "on the given values";
            if (c.TimedOut)
            {
                return Part(p, Status.Timeout, $"{which}: {c.Error ?? "did not return in time"}");
            }
            if (c.Value is null)
            {
                return Part(p, Status.Error, $"{which}: {c.Error ?? "no value returned"}");
            }
            if (p.Examples.Count > 0)
            {
                var example = p.Examples[k];
                var compared = AnswerComparer.Compare(example.Expected, c.Value, example.Tolerance, reveal: true);
                if (!compared.Passed)
                {
                    return Part(p, Status.Incorrect, $"{which} ({Shown.InputsLine(example.Inputs) ?? "inputs in the public file"}): {compared.Feedback}") with
                    {
                        Values = Shown.List(Shown.Inputs(which, example.Inputs).Concat(Shown.Yours($"{which}, your value", c.Value))),
                    };
                }
            }
            else if (Problem(c.Value, p.Shape, "the value it returns") is { } problem)
            {
                return Part(p, Status.Incorrect, $"{which}: {problem}");
            }
        }
        return Part(p, Status.Ready, p.Examples.Count > 0
            ? $"{sig.Name} found; {calls.Count} of {calls.Count} public example(s) pass; its other cases are graded when you submit"
            : $"{sig.Name} found and runs on the given values; its cases are graded when you submit");
    }

    /// <summary>A value of this shape in words: a number, or a value shaped [3, 2].</summary>
    private static string Expected(int[]? shape) => shape is { Length: > 0 } ? $"a value shaped {Tensor.FormatShape(shape)}" : "a number";

    /// <summary>What is wrong with a value without knowing the right one: its shape, or a number that is not finite.</summary>
    private static string? Problem(ValueDto value, int[]? shape, string what)
    {
        if (shape is not null && !AnswerComparer.ShapesFit(shape, value.Shape, shape.Aggregate(1, (a, b) => a * b), value.Data.Length))
        {
            return $"{what} is shaped {Tensor.FormatShape(value.Shape)}, but this part asks for {Tensor.FormatShape(shape)}";
        }
        var bad = Array.FindIndex(value.Data, x => !double.IsFinite(x));
        return bad < 0 ? null : $"{what} is not finite at {ValueText.Index(value.Shape, bad)} ({Tensor.FormatNumber(value.Data[bad])}); a NaN or infinite value never earns credit";
    }
}
