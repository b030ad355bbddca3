using Grader.Protocol;

namespace Grader.Grading.Execution;

/// <summary>
/// A worker's reply bounded again on the grader's side, as if the worker were the student (code that got past the
/// policy could write any reply): sizes cut, only the calls that were asked for, and nothing but the grader's words
/// for a hidden call that failed.
/// </summary>
internal static class ReplyBounds
{
    public static CompileReply Compile(CompileReply reply, string file)
    {
        var status = reply.Status is CompileReply.Compiled or CompileReply.CompileError or CompileReply.Rejected ? reply.Status : CompileReply.Rejected;
        var diagnostics = (reply.Diagnostics ?? []).Take(ProtocolLimits.MaxDiagnostics)
            .Select(d => new SubmissionDiagnostic(file, Math.Max(1, d.Line), Math.Max(1, d.Column), ProtocolLimits.Cut(d.Id, 16), ProtocolLimits.Cut(d.Message, 300)))
            .ToArray();
        var more = Math.Max(0, reply.MoreDiagnostics) + Math.Max(0, (reply.Diagnostics?.Length ?? 0) - ProtocolLimits.MaxDiagnostics);
        if (status != CompileReply.Compiled && diagnostics.Length == 0)
        {
            diagnostics = [new SubmissionDiagnostic(file, 1, 1, "GR0008", "refused without a reason")];
        }
        // Compiled bytes for the cache are carried unopened, and only within their bound.
        var bytes = status == CompileReply.Compiled && reply.Assembly is { } a && a.Length + (reply.Symbols?.Length ?? 0) <= CompileReply.MaxCompiledBytes;
        return new CompileReply(status, diagnostics, more) { Assembly = bytes ? reply.Assembly : null, Symbols = bytes ? reply.Symbols : null };
    }

    public static RunResult Run(RunResult run, RunRequest request)
    {
        var status = run.Status is RunResult.Ok or RunResult.Crashed or RunResult.Timeout ? run.Status : RunResult.Crashed;
        var answers = (run.Answers ?? []).Take(ProtocolLimits.MaxAnswers)
            .Select(a => a with
            {
                PartId = ProtocolLimits.Cut(a.PartId, ProtocolLimits.MaxPartId),
                Error = a.Error is null ? null : ProtocolLimits.Cut(a.Error, ProtocolLimits.MaxMessage),
                Value = Valid(a.Value, request.MaxValueElements),
            })
            .ToArray();
        var asked = request.Calls.ToDictionary(c => (c.PartId, c.CaseIndex));
        var calls = new List<CallResult>();
        foreach (var c in run.Calls ?? [])
        {
            if (!asked.TryGetValue((c.PartId, c.CaseIndex), out var call) || calls.Any(x => x.PartId == c.PartId && x.CaseIndex == c.CaseIndex))
            {
                continue;
            }
            var value = Valid(c.Value, request.MaxValueElements);
            var error = c.Error is null ? null : ProtocolLimits.Cut(c.Error, ProtocolLimits.MaxMessage);
            var failure = Enum.IsDefined(c.Failure) ? c.Failure : CallFailure.Threw;
            var bounded = c with
            {
                Value = value,
                Error = value is null ? error ?? "no value returned" : null,
                Failure = value is null && failure == CallFailure.None ? CallFailure.Threw : failure,
                NearMiss = c.NearMiss is null ? null : ProtocolLimits.Cut(c.NearMiss, ProtocolLimits.MaxPartId),
            };
            calls.Add(call.Hidden ? bounded.ForHiddenCase() : bounded);
        }
        return new RunResult(status, run.Message is null ? null : ProtocolLimits.Cut(run.Message, ProtocolLimits.MaxMessage), answers, [.. calls],
            ProtocolLimits.Cut(run.Output, request.OutputLimit), run.OutputTruncated || (run.Output?.Length ?? 0) > request.OutputLimit)
        {
            DroppedAnswers = Math.Max(0, run.DroppedAnswers) + Math.Max(0, (run.Answers?.Length ?? 0) - ProtocolLimits.MaxAnswers),
        };
    }

    /// <summary>A value whose shape and data agree, of at most <see cref="ValueDto.MaxRank"/> axes, within the bound; anything else is no value.</summary>
    private static ValueDto? Valid(ValueDto? v, int maxElements) => v is not null && v.IsWellFormed(maxElements) ? v : null;
}
