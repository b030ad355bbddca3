using Grader.Engine;
using Grader.Grading.Execution;
using Grader.Grading.Reports;
using Grader.Problems.Expressions;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Release;
using Grader.Problems.Solving;
using Grader.Protocol;

namespace Grader.Grading;

/// <summary>
/// Grades one submission file against one problem: compile (with the static policy), run through an
/// <see cref="IExecutionRunner"/>, then compare every part with the engine's answer here, in the grader:
/// expected values never enter the submission's process.
/// </summary>
public sealed class SubmissionGrader(IExecutionRunner runner, ExecutionLimits limits)
{
    /// <summary>Where compiled submissions are kept by content (a batch's output folder); null: compile every time.</summary>
    public CompileCache? CompileCache { get; init; }

    /// <summary>Warnings kept in a report; the rest are counted ("and N more").</summary>
    public const int MaxWarnings = 10;

    public IExecutionRunner Runner => runner;

    /// <summary>Reads the file safely (<see cref="SubmissionFile"/>), then grades it; <paramref name="root"/> is the submissions tree.</summary>
    public SubmissionReport Grade(GradingProblem problem, string student, string submissionPath, string? root = null) =>
        Grade(problem, student, SubmissionFile.Read(submissionPath, root), Path.GetFileName(submissionPath));

    /// <summary>Grades a submission already read by <see cref="SubmissionFile.Read"/>.</summary>
    public SubmissionReport Grade(GradingProblem problem, string student, SubmissionFile.Result file, string fileName) =>
        Unreadable(Shell.Of(problem), student, file, fileName) ?? GradeSource(problem, student, file.Text!, fileName);

    /// <summary>The report of a file that cannot be run (missing, empty, refused as it was read); null for one that can.</summary>
    private static SubmissionReport? Unreadable(Shell shell, string student, SubmissionFile.Result file, string fileName) =>
        file.Missing ? Empty(shell, student, Status.Missing, $"no submission: {fileName} was not found", Status.Missing)
        : file.Text is null ? Empty(shell, student, Status.Rejected, $"rejected before running: {file.Refusal}", Status.Error)
        : string.IsNullOrWhiteSpace(file.Text) ? Empty(shell, student, Status.Missing, $"no submission: {fileName} is empty", Status.Missing)
        : null;

    /// <summary>Sends the text to a sandboxed worker, which compiles and runs it, and grades what comes back.</summary>
    public SubmissionReport GradeSource(GradingProblem problem, string student, string source, string fileName, bool applyPolicy = true) =>
        ReportLimits.Fit(GradeUnbounded(problem, student, source, fileName, applyPolicy));

    private SubmissionReport GradeUnbounded(GradingProblem problem, string student, string source, string fileName, bool applyPolicy)
    {
        var (failed, run) = Execute(Shell.Of(problem), problem.Calls.ToArray(), problem.MaxValueElements, student, source, fileName, applyPolicy);
        return run is null ? failed! : Crashed(GradeRun(problem, student, run), failed, run);
    }

    /// <summary>A run that crashed after answering some parts: graded for what it answered, with the crash as its status.</summary>
    private static SubmissionReport Crashed(SubmissionReport graded, SubmissionReport? failed, RunResult run) =>
        failed is null ? graded : graded with { Status = Status.Crashed, Message = run.Message };

    /// <summary>
    /// The public check of a student's kit (<see cref="PublicSpec"/>): the same file rules, sandbox and worker as
    /// grading, and everything that can be known without the answer key (<see cref="PublicCheck"/>).
    /// </summary>
    public SubmissionReport CheckPublic(PublicSpec spec, string? student, string submissionPath)
    {
        var shell = new Shell(spec.Id, spec.Points, spec.Parts.Select(p => (p.Id, p.Points)).ToList());
        var name = student ?? "student";
        var fileName = Path.GetFileName(submissionPath);
        var file = SubmissionFile.Read(submissionPath);
        if (Unreadable(shell, name, file, fileName) is { } unreadable)
        {
            return unreadable with { PublicCheck = true };
        }
        var calls = PublicCheck.Calls(spec, student);
        var maxElements = Math.Max(10_000, 4 * spec.Parts.SelectMany(p => p.Submit.Select(s => s.Value).Append(p.Shape ?? []))
            .Select(s => s.Aggregate(1, (a, b) => a * b)).Concat(spec.Parts.SelectMany(p => p.Examples.Select(e => e.Expected.Size))).DefaultIfEmpty(0).Max());
        var (failed, run) = Execute(shell, calls, maxElements, name, file.Text!, fileName, applyPolicy: true);
        if (run is null)
        {
            return ReportLimits.Fit(failed! with { PublicCheck = true });
        }
        var report = PublicCheck.Report(spec, name, run, runner.Description) with { PublicCheck = true };
        return ReportLimits.Fit(failed is null ? report
            : report with { Status = Status.Crashed, Message = $"the script crashed: {run.Message} (what it answered before is checked below)" });
    }

    /// <summary>What a report names before anything ran: the problem, its points and its parts.</summary>
    private sealed record Shell(string Problem, double Points, IReadOnlyList<(string Id, double Points)> Parts)
    {
        public static Shell Of(GradingProblem p) => new(p.Problem.Id, p.Problem.Points, p.Problem.Parts.Select(x => (x.Id, x.Points)).ToList());
    }

    /// <summary>
    /// Compiles and runs the source in a sandboxed worker. Either the run to grade (a null report), or the report of
    /// what stopped it; a crash after some answers gives both (status crashed, and the run with what it answered).
    /// </summary>
    private (SubmissionReport? Failed, RunResult? Run) Execute(Shell shell, CallRequest[] calls, int maxElements, string student, string source, string fileName, bool applyPolicy)
    {
        var request = new RunRequest(source, fileName, calls, (int)limits.PerCase.TotalMilliseconds, limits.OutputChars)
        {
            TopLevelTimeoutMs = (int)limits.TopLevel.TotalMilliseconds,
            CompileTimeoutMs = (int)limits.Compile.TotalMilliseconds,
            MaxValueElements = maxElements,
            ApplyPolicy = applyPolicy,
        };
        // The compile cache: what a worker compiled from this very source before, carried back unopened.
        var key = CompileCache?.Key(source, fileName, applyPolicy);
        var cached = key is null ? null : CompileCache!.Get(key);
        request = request with { Compiled = cached?.Assembly, CompiledSymbols = cached?.Symbols, ReturnCompiled = key is not null && cached is null };
        // A runner that throws has a bug of the grader's own: that is not the student's crash, so it propagates
        // to the caller (the batch records it as the submission's error status).
        var (compiled, run) = runner.Run(request, limits);
        if (key is not null && cached is null && compiled.Status == CompileReply.Compiled && compiled.Assembly is { } assembly)
        {
            CompileCache!.Put(key, assembly, compiled.Symbols);
        }
        if (compiled.Status != CompileReply.Compiled || run is null)
        {
            var rejected = compiled.Status != CompileReply.CompileError;
            var first = compiled.Diagnostics.FirstOrDefault();
            var diagnostics = compiled.Diagnostics.Select(e => e.ToString()).ToList();
            if (compiled.MoreDiagnostics > 0)
            {
                diagnostics.Add($"... and {compiled.MoreDiagnostics} more");
            }
            return (Empty(shell, student, rejected ? Status.Rejected : Status.CompileError,
                rejected ? $"rejected before running: {first?.Message}" : $"the script does not compile ({compiled.Diagnostics.Length + compiled.MoreDiagnostics} error(s))",
                Status.Error) with
            { Diagnostics = diagnostics, Sandbox = runner.Description }, null);
        }
        if (run.Status == RunResult.Timeout)
        {
            return (Empty(shell, student, Status.Timeout, run.Message ?? "timed out", Status.Timeout) with { Output = run.Output, Sandbox = runner.Description }, null);
        }
        if (run.Status == RunResult.Crashed && run.Answers.Length + run.Calls.Length > 0)
        {
            return (Empty(shell, student, Status.Crashed, run.Message ?? "crashed", Status.Error), run);
        }
        if (run.Status != RunResult.Ok)
        {
            return (Empty(shell, student, Status.Crashed, run.Message ?? "crashed", Status.Error) with { Output = run.Output, Sandbox = runner.Description }, null);
        }
        return (null, run);
    }

    private SubmissionReport GradeRun(GradingProblem problem, string student, RunResult run)
    {
        // The last Answer to a part wins; Answer("part.name", v) feeds a property part's submitted name.
        var answers = new Dictionary<string, AnswerResult>(StringComparer.Ordinal);
        foreach (var a in run.Answers)
        {
            answers[a.PartId] = a;
        }
        var warnings = new List<string>();
        var known = problem.Problem.Parts.SelectMany(p => p.Kind == PartKind.Property ? p.Submit.Select(s => $"{p.Id}.{s.Key}").Append(p.Id) : [p.Id]).ToHashSet();
        var partList = $"parts: {string.Join(", ", problem.Problem.Parts.Select(p => p.Id))}";
        var unknown = answers.Keys.Where(k => !known.Contains(k)).ToList();
        foreach (var id in unknown.Take(MaxWarnings))
        {
            // The did-you-mean is an edit distance: only for ids short enough that it costs nothing.
            var hint = id.Length <= 64 ? Suggest.DidYouMean(id, known, partList) : partList;
            warnings.Add($"Answer(\"{id}\", ...) names no part of {problem.Problem.Id}; it was ignored ({hint})");
        }
        foreach (var dup in run.Answers.GroupBy(a => a.PartId).Where(g => g.Count() > 1).Take(MaxWarnings))
        {
            warnings.Add($"part {dup.Key} was answered {dup.Count()} times; the last answer was graded");
        }
        if (run.DroppedAnswers > 0)
        {
            warnings.Add($"Answer was called {run.DroppedAnswers} times more than the {ProtocolLimits.MaxAnswers} that are read; those answers were ignored");
        }
        if (warnings.Count > MaxWarnings)
        {
            var more = warnings.Count - MaxWarnings;
            warnings = [.. warnings.Take(MaxWarnings), $"... and {more} more warning(s)"];
        }
        var parts = problem.Solutions.Select(s => GradePart(problem, s, answers, run)).ToList();
        CarryErrorsForward(problem, parts, answers);
        return new SubmissionReport
        {
            Problem = problem.Problem.Id,
            Student = student,
            Score = Math.Round(parts.Sum(p => p.Score), 6),
            MaxScore = problem.Problem.Points,
            Status = Status.Graded,
            Parts = parts,
            Warnings = warnings,
            Output = string.IsNullOrEmpty(run.Output) ? null : run.Output + (run.OutputTruncated ? "\n[output truncated]" : ""),
            Sandbox = runner.Description,
        };
    }

    private static PartReport GradePart(GradingProblem problem, PartSolution s, Dictionary<string, AnswerResult> answers, RunResult run)
    {
        var part = s.Part;
        return part.Kind switch
        {
            PartKind.Answer => GradeValue(problem, s, answers),
            PartKind.Implement => GradeImplement(problem, s, run.Calls.Where(c => c.PartId == part.Id).ToList(), answers),
            _ => GradeProperty(problem.Problem, s, answers),
        };
    }

    private static PartReport Scored(Part part, bool passed, string feedback) =>
        new(part.Id, passed ? part.Points : 0, part.Points, passed ? Status.Correct : Status.Incorrect, feedback);

    private static PartReport GradeValue(GradingProblem problem, PartSolution s, Dictionary<string, AnswerResult> answers)
    {
        var part = s.Part;
        if (!answers.TryGetValue(part.Id, out var a))
        {
            return new PartReport(part.Id, 0, part.Points, Status.Missing, $"no answer: call Answer(\"{part.Id}\", value)");
        }
        if (a.IsDelegate)
        {
            return new PartReport(part.Id, 0, part.Points, Status.Error, "a function was given, but this part asks for a value");
        }
        if (a.Value is null)
        {
            return new PartReport(part.Id, 0, part.Points, Status.Error, $"the answer could not be graded: {a.Error}");
        }
        var c = AnswerComparer.Compare(s.Expected!, a.Value, s.Tolerance, reveal: !part.Hidden, s.Bounds);
        if (part.Hidden)
        {
            // A hidden part is shown as a score only.
            return Scored(part, c.Passed, c.Passed ? "correct (hidden part)" : "not correct (hidden part: no details)");
        }
        var named = c.Passed ? null : Diagnose(s.Expected!, a.Value, () => problem.Candidates(s), s.Tolerance);
        var values = c.Passed ? null : Shown.List(Shown.Yours("your value", a.Value));
        if (named is not null || c.Passed)
        {
            return Scored(part, c.Passed, named is null ? c.Feedback : $"{c.Feedback}; {named.Sentence}") with { Misconception = named?.Id, Values = values };
        }
        if (Fits(s.Expected!, a.Value) && Diagnosis.NamePair(problem.Pairs(s), a.Value.Data, s.Tolerance) is { } pair)
        {
            return Scored(part, false, $"{c.Feedback}; two mistakes together: {pair.First.Sentence}; and {pair.Second.Sentence}")
                with
            { Misconceptions = [pair.First.Id, pair.Second.Id], Values = values };
        }
        if (Transposed(s.Expected!, a.Value, s.Tolerance))
        {
            var sentence = Mistakes.Sentences["transposed"];
            return Scored(part, false, $"{c.Feedback}; its values are right, transposed: {sentence}") with { Misconception = "transposed", Values = values };
        }
        var factor = Factor(s.Expected!, a.Value, s.Tolerance);
        return Scored(part, false, factor is null ? c.Feedback : $"{c.Feedback}; {factor}") with { Values = values };
    }

    private static bool Fits(Tensor expected, ValueDto got) =>
        AnswerComparer.ShapesFit([.. expected.Shape], got.Shape, expected.Size, got.Data.Length) && got.Data.All(double.IsFinite);

    /// <summary>A matrix answer of the transposed shape (not square) whose transpose is right.</summary>
    private static bool Transposed(Tensor expected, ValueDto got, Tolerance tol)
    {
        if (expected.Rank != 2 || got.Shape.Length != 2 || expected.Rows == expected.Cols
            || got.Shape[0] != expected.Cols || got.Shape[1] != expected.Rows || !got.Data.All(double.IsFinite))
        {
            return false;
        }
        int r = expected.Rows, cols = expected.Cols;
        return Enumerable.Range(0, expected.Size).All(k => tol.Accepts(got.Data[k % cols * r + k / cols], expected[k]));
    }

    /// <summary>
    /// Every value the same multiple of the right one (a scale such as 1/N, 2 or 1/sqrt(d) left out or added), said
    /// as a hint where no mistake is named; null when the ratios differ or the values are of another shape.
    /// </summary>
    private static string? Factor(Tensor expected, ValueDto got, Tolerance tol)
    {
        if (!Fits(expected, got) || expected.Size < 2)
        {
            return null;
        }
        // Three values at least: one common ratio of two numbers is a coincidence as often as not.
        var nonzero = Enumerable.Range(0, expected.Size).Where(k => Math.Abs(expected[k]) > 1e-12).ToList();
        if (nonzero.Count < 3)
        {
            return null;
        }
        var f = got.Data[nonzero[0]] / expected[nonzero[0]];
        if (!double.IsFinite(f) || f == 0 || Math.Abs(f - 1) < 1e-9
            || !Enumerable.Range(0, expected.Size).All(k => tol.Accepts(got.Data[k], f * expected[k])))
        {
            return null;
        }
        var known = new (double Value, string Name)[] { (2, "2"), (0.5, "1/2"), (Math.Sqrt(2), "sqrt(2)"), (1 / Math.Sqrt(2), "1/sqrt(2)"), (-1, "-1") }
            .FirstOrDefault(x => Math.Abs(f - x.Value) <= 1e-6 * Math.Abs(x.Value));
        var shown = known.Name ?? Tensor.FormatNumber(Math.Round(f, 6));
        return $"every value is {shown} times the right one: a constant factor is missing or extra (a 1/N of a mean, a 2 of a square, a 1/sqrt(d) of a scale?)";
    }

    /// <summary>The one known mistake that gives the student's value, if exactly one does (never for a value of another shape).</summary>
    private static MistakeCandidate? Diagnose(Tensor expected, ValueDto got, Func<IReadOnlyList<MistakeCandidate>> candidates, Tolerance tolerance) =>
        AnswerComparer.ShapesFit([.. expected.Shape], got.Shape, expected.Size, got.Data.Length) && got.Data.All(double.IsFinite)
            ? Diagnosis.Name(candidates(), got.Data, tolerance)
            : null;

    /// <summary>
    /// Error carried forward: a wrong value part with <c>ecf:</c> (its own or the spec's) that is right for the student's
    /// own wrong answers to earlier parts, substituted for the steps those parts answer, earns that share of its points.
    /// </summary>
    private static void CarryErrorsForward(GradingProblem problem, List<PartReport> parts, Dictionary<string, AnswerResult> answers)
    {
        var p = problem.Problem;
        // Earlier wrong answers to steps, usable as the student's value of the step: step -> (part id, value).
        var theirs = new Dictionary<string, (string Part, Tensor Value)>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Count; i++)
        {
            var s = problem.Solutions[i];
            var part = s.Part;
            answers.TryGetValue(part.Id, out var a);
            var value = a?.Value is { } v && AnswerComparer.ShapesFit([.. s.Expected?.Shape ?? []], v.Shape, s.Expected?.Size ?? -1, v.Data.Length)
                && v.Data.All(double.IsFinite) ? new Tensor([.. s.Expected!.Shape], v.Data) : null;
            if (parts[i].Status == Status.Incorrect && value is not null && (part.Ecf ?? p.Ecf) is { } share and > 0 && theirs.Count > 0)
            {
                var reached = CarriedForward.Reached(p, part.Answer!, theirs.Keys.ToHashSet(StringComparer.Ordinal));
                var substitute = reached.ToDictionary(n => n, n => theirs[n].Value, StringComparer.Ordinal);
                var carriedValue = reached.Count > 0 ? CarriedForward.Evaluate(p, part, substitute) : null;
                if (carriedValue is { } c0 && Diagnosis.Differs(c0, s.Expected!, s.Tolerance) && parts[i].Misconception is null
                    && parts[i].Misconceptions is null && !part.Hidden
                    && CarriedForward.WithMistake(p, part, substitute, c0, value.ToArray(), s.Tolerance) is { } own)
                {
                    // Carried forward with a mistake of its own: both are said; no points (src/Grader.Problems/Feedback/README.md, "Error carried forward").
                    var (from0, step0) = (theirs[reached[0]].Part, reached[0]);
                    parts[i] = parts[i] with
                    {
                        Feedback = $"{parts[i].Feedback}; from your {step0} ({from0}, itself wrong) this value follows with one mistake of its own: {own.Sentence} (no points are carried forward for a value with a mistake of its own)",
                        Misconception = own.Id,
                        CarriedFrom = from0,
                    };
                }
                else if (carriedValue is { } carried
                    && Diagnosis.Differs(carried, s.Expected!, s.Tolerance)
                    && Enumerable.Range(0, carried.Size).All(k => s.Tolerance.Accepts(value[k], carried[k])))
                {
                    var (from, step) = (theirs[reached[0]].Part, reached[0]);
                    if (CarriedForward.Refusal(p, part, substitute, carried, s.Expected!, value.ToArray(), s.Tolerance) is { } refusal)
                    {
                        parts[i] = parts[i] with { Feedback = $"{parts[i].Feedback}; {NotCarried(refusal, step, from)}" };
                    }
                    else
                    {
                        // The comparison only: a mistake named against the right value would contradict the credit (the
                        // student's value is right for their own earlier answer, so it matched that mistake by chance).
                        var compared = AnswerComparer.Compare(s.Expected!, a!.Value!, s.Tolerance, reveal: !part.Hidden, s.Bounds).Feedback;
                        var percent = Math.Round(share * 100, 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        parts[i] = parts[i] with
                        {
                            Score = Math.Round(part.Points * share, 6),
                            Status = Status.Partial,
                            Feedback = part.Hidden
                                ? $"partial credit (hidden part): right for your answer to {from}, which was itself wrong ({percent}% of the points, error carried forward)"
                                : $"not the right value, but right for your {step} ({from}), which was itself wrong: {percent}% of the points (error carried forward). {compared}",
                            Misconception = null,
                            CarriedFrom = from,
                        };
                    }
                }
            }
            if (CarriedForward.StepAnswered(p, part) is { } answered && parts[i].Status != Status.Correct && value is not null)
            {
                theirs[answered] = (part.Id, value);
            }
        }
    }

    /// <summary>Why a value right for the student's own <paramref name="step"/> earns nothing (src/Grader.Problems/Feedback/README.md, "Error carried forward").</summary>
    private static string NotCarried(CarryRefusal refusal, string step, string from) => refusal switch
    {
        CarryRefusal.Zero => $"it is right for your {step} ({from}), but no error is carried forward: from your {step} this answer is 0 throughout, and the right one is not",
        _ => $"it is right for your {step} ({from}), but no error is carried forward: from your {step} this answer hardly depends on it "
            + $"(it would still be right with your {step} half as large, or half as large again), as where a sigmoid or tanh saturates or a ReLU is off, so it shows no work of its own",
    };

    private static PartReport GradeImplement(GradingProblem problem, PartSolution s, List<CallResult> calls, Dictionary<string, AnswerResult> answers)
    {
        var part = s.Part;
        var sig = part.Implement!;
        if (calls.Count > 0 && calls.All(c => c.Failure == CallFailure.NoMethod))
        {
            var note = answers.ContainsKey(part.Id) ? $"; a value was given with Answer(\"{part.Id}\"), but this part asks for the method" : "";
            return new PartReport(part.Id, 0, part.Points, Status.Missing, $"no method {sig}{calls[0].NearMissNote}{note}");
        }
        int passed = 0, hiddenPassed = 0, timeouts = 0;
        string? misconception = null;
        string? firstVisible = null;
        IReadOnlyList<ShownValue>? values = null;
        var hiddenFailures = new List<string>();
        foreach (var c in s.Cases)
        {
            var call = calls.FirstOrDefault(x => x.CaseIndex == c.Index);
            Comparison outcome = call switch
            {
                null => new Comparison(false, "not run"),
                { TimedOut: true } => new Comparison(false, call.Error ?? "timed out"),
                { Value: null } => new Comparison(false, call.Error ?? "no value returned"),
                _ => AnswerComparer.Compare(c.Expected, call.Value, c.Tolerance, reveal: !c.Hidden, c.Bounds),
            };
            if (call?.TimedOut == true)
            {
                timeouts++;
            }
            if (outcome.Passed)
            {
                passed++;
                hiddenPassed += c.Hidden ? 1 : 0;
            }
            else if (c.Hidden)
            {
                // Only what kind of failure, never the case's inputs or expected value, nor an exception's
                // message (a student could write the inputs into it).
                hiddenFailures.Add(HiddenFailure(call));
            }
            else if (firstVisible is null)
            {
                // The first visible failure is explained, when one known mistake gives it.
                var named = call?.Value is { } v ? Diagnose(c.Expected, v, () => problem.Candidates(s, c), c.Tolerance) : null;
                firstVisible = $"{CaseName(c, part)}: {outcome.Feedback}" + (named is null ? "" : $"; {named.Sentence}");
                misconception = named?.Id;
                values = Shown.List(Shown.Inputs($"case {c.Index + 1}", c.Inputs).Concat(Shown.Yours($"case {c.Index + 1}, your value", call?.Value)));
            }
        }
        var total = s.Cases.Count;
        var hiddenTotal = s.Cases.Count(c => c.Hidden);
        var fraction = total == 0 ? 0 : (double)passed / total;
        var score = part.AllOrNothing ? (passed == total ? part.Points : 0) : Math.Round(part.Points * fraction, 6);
        var status = passed == total ? Status.Correct
            : timeouts > 0 && passed == 0 ? Status.Timeout
            : passed > 0 && !part.AllOrNothing ? Status.Partial
            : calls.Count > 0 && calls.All(c => c.Value is null && !c.TimedOut) ? Status.Error
            : Status.Incorrect;
        var lines = new List<string> { $"{passed} of {total} cases pass" + (hiddenTotal > 0 ? $" ({hiddenPassed} of {hiddenTotal} hidden)" : "") };
        if (firstVisible is not null)
        {
            lines.Add(firstVisible);
        }
        if (hiddenFailures.Count > 0)
        {
            lines.Add($"{hiddenFailures.Count} hidden case(s) fail: " + string.Join("; ", hiddenFailures.GroupBy(x => x).Select(g => $"{g.Count()} x {g.Key}")));
        }
        return new PartReport(part.Id, score, part.Points, status, string.Join(". ", lines))
        {
            Cases = new CaseCounts(passed, total, hiddenPassed, hiddenTotal),
            Misconception = misconception,
            Values = values,
        };
    }

    /// <summary>How a hidden case failed, in the grader's words only: nothing the submission wrote.</summary>
    private static string HiddenFailure(CallResult? call) => call switch
    {
        null => "not run",
        { TimedOut: true } => "time-out",
        { Value: not null } => "wrong value",
        { Failure: CallFailure.Ungradable } => "value that cannot be graded",
        _ => "exception",
    };

    private static string CaseName(ReferenceCase c, Part part) =>
        Shown.InputsLine(c.Inputs) is { } inputs ? $"case {c.Index + 1} ({inputs})" : $"case {c.Index + 1}";

    private static PartReport GradeProperty(Problem problem, PartSolution s, Dictionary<string, AnswerResult> answers)
    {
        var part = s.Part;
        var values = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (name, shape) in part.Submit)
        {
            if (!answers.TryGetValue($"{part.Id}.{name}", out var a) || a.Value is null)
            {
                missing.Add(name);
                continue;
            }
            var t = new Tensor(a.Value.Shape, a.Value.Data);
            if (t.Size != shape.Aggregate(1, (x, y) => x * y) || (t.Rank != shape.Length && !(t.Size == 1 && shape.Length == 0)))
            {
                return new PartReport(part.Id, 0, part.Points, Status.Incorrect, $"{name} must have shape {Tensor.FormatShape(shape)}, got {Tensor.FormatShape(t.Shape)}");
            }
            if (Array.FindIndex(a.Value.Data, x => !double.IsFinite(x)) is var bad and >= 0)
            {
                // NaN would make every condition vacuous (a residual of NaN is "small" to a careless max): never credit.
                return new PartReport(part.Id, 0, part.Points, Status.Incorrect,
                    $"{name} is not finite at {ValueText.Index(a.Value.Shape, bad)} ({Tensor.FormatNumber(a.Value.Data[bad])}); a NaN or infinite value never earns credit");
            }
            values[name] = t.Reshape(shape);
        }
        if (missing.Count == part.Submit.Count)
        {
            return new PartReport(part.Id, 0, part.Points, Status.Missing,
                $"no values: call Answer(\"{part.Id}.{part.Submit[0].Key}\", ...) for each of {string.Join(", ", part.Submit.Select(x => x.Key))}");
        }
        if (missing.Count > 0)
        {
            return new PartReport(part.Id, 0, part.Points, Status.Incorrect, $"missing values for {string.Join(", ", missing)}: call Answer(\"{part.Id}.<name>\", ...) for each");
        }
        try
        {
            var result = ReferenceSolver.CheckProperty(problem, part, values);
            return Scored(part, result.Holds, string.Join("; ", result.Details));
        }
        catch (ExprException ex)
        {
            return new PartReport(part.Id, 0, part.Points, Status.Error, $"the values could not be checked: {ex.Message}");
        }
    }

    private static SubmissionReport Empty(GradingProblem problem, string student, string status, string message, string partStatus) =>
        Empty(Shell.Of(problem), student, status, message, partStatus);

    private static SubmissionReport Empty(Shell shell, string student, string status, string message, string partStatus) => new()
    {
        Problem = shell.Problem,
        Student = student,
        Score = 0,
        MaxScore = shell.Points,
        Status = status,
        Message = message,
        Parts = shell.Parts.Select(p => new PartReport(p.Id, 0, p.Points, partStatus, message)).ToList(),
    };
}
