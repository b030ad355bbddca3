namespace Grader.Protocol;

/// <summary>
/// One call of a student's method: an implement part's case. <see cref="Hidden"/> tells the worker that from this
/// call on nothing the submission produces may come back but what the grader decides (value, exception, time-out).
/// </summary>
public sealed record CallRequest(string PartId, int CaseIndex, string Method, string[] ParameterTypes, string ReturnType, ValueDto[] Arguments)
{
    public bool Hidden { get; init; }
}

/// <summary>
/// What to grade: the submission's text (already bounded in size by the grader) and the calls to make after its
/// top level has run. The worker does everything else: bounds, parse, policy, compile, emit, load, run.
/// </summary>
public sealed record RunRequest(string Source, string File, CallRequest[] Calls, int CaseTimeoutMs, int OutputLimit)
{
    /// <summary>The limit on the script's top level; 0 means the runner's default (5 s).</summary>
    public int TopLevelTimeoutMs { get; init; }

    /// <summary>The limit on compiling (parse, policy, compile, emit); 0 means the runner's default (10 s).</summary>
    public int CompileTimeoutMs { get; init; }

    /// <summary>The most numbers one answer or returned value may hold; a larger one is refused in the worker.</summary>
    public int MaxValueElements { get; init; } = 100_000;

    /// <summary>False only in the grader's own tests, which check what the sandbox holds when the policy has a hole.</summary>
    public bool ApplyPolicy { get; init; } = true;

    /// <summary>
    /// The assembly a worker compiled from this very source before (the grader's compile cache, stored unopened):
    /// the worker loads it instead of compiling. Null: compile.
    /// </summary>
    public byte[]? Compiled { get; init; }

    /// <summary>The portable PDB that came with <see cref="Compiled"/>.</summary>
    public byte[]? CompiledSymbols { get; init; }

    /// <summary>Asks the worker to send back what it compiled (for the grader's compile cache).</summary>
    public bool ReturnCompiled { get; init; }
}

/// <summary>The first reply to a request: whether the submission compiled, and why not.</summary>
public sealed record CompileReply(string Status, SubmissionDiagnostic[] Diagnostics, int MoreDiagnostics)
{
    /// <summary>The largest compiled assembly and PDB together that a worker sends back for the cache.</summary>
    public const int MaxCompiledBytes = 1024 * 1024;

    /// <summary>With <see cref="RunRequest.ReturnCompiled"/>: the assembly compiled, as bytes the grader never opens.</summary>
    public byte[]? Assembly { get; init; }

    /// <summary>Its portable PDB.</summary>
    public byte[]? Symbols { get; init; }

    public const string Compiled = "compiled";
    public const string CompileError = "compile_error";
    public const string Rejected = "rejected";
}

/// <summary>A value the script passed to Answer, converted; or why it could not be.</summary>
public sealed record AnswerResult(string PartId, ValueDto? Value, bool IsDelegate, string? Error);

/// <summary>Why a call gave no value, as data: set where the call fails (the worker), read where it is worded.</summary>
public enum CallFailure
{
    /// <summary>It returned a value (or, from an older or broken reply, nothing said).</summary>
    None,
    /// <summary>It threw; <see cref="CallResult.Error"/> describes the exception (type, message, line).</summary>
    Threw,
    /// <summary>It threw <see cref="NotImplementedException"/>, as a starter's method does.</summary>
    NotImplemented,
    /// <summary>It did not return in time, or was not run because an earlier case of its part did not.</summary>
    TimedOut,
    /// <summary>The script has no method of that name (<see cref="CallResult.NearMiss"/>: one that differs only in case).</summary>
    NoMethod,
    /// <summary>The method exists with other parameter types.</summary>
    WrongSignature,
    /// <summary>It returned something that is not a value the grader can read (too large, ragged, not numbers).</summary>
    Ungradable,
}

/// <summary>
/// The outcome of one call. For a hidden call <see cref="Error"/> is only ever one of the grader's own words
/// (<see cref="HiddenException"/>, a time-out): never a type name, message, line or output of the submission's.
/// </summary>
public sealed record CallResult(string PartId, int CaseIndex, ValueDto? Value, string? Error, bool TimedOut)
{
    public const string HiddenException = "exception";
    public const string HiddenTimeout = "timed out";
    public const string HiddenUngradable = "returned a value that cannot be graded";

    public CallFailure Failure { get; init; }

    /// <summary>With <see cref="CallFailure.NoMethod"/>: the script's method whose name differs only in case, if any.</summary>
    public string? NearMiss { get; init; }

    /// <summary>What to add to "no method X" when the script has one whose name differs only in case.</summary>
    public string NearMissNote => NearMiss is null ? "" : $" (there is {NearMiss}: names are case-sensitive)";

    /// <summary>
    /// The one rule for what of a failed call may be told once a hidden case has run (the worker applies it, and the
    /// grader again to what a worker returns): a value; a missing method or another signature, found from the source
    /// alone and the same for every case; otherwise only the kind of failure in the grader's words.
    /// </summary>
    public CallResult ForHiddenCase() => Failure switch
    {
        _ when Value is not null => this with { Error = null, NearMiss = null, Failure = CallFailure.None },
        CallFailure.NoMethod or CallFailure.WrongSignature => this,
        _ when TimedOut => this with { Error = HiddenTimeout, Failure = CallFailure.TimedOut, NearMiss = null },
        CallFailure.Ungradable => this with { Error = HiddenUngradable, NearMiss = null },
        CallFailure.NotImplemented => this with { Error = HiddenException, NearMiss = null },
        _ => this with { Error = HiddenException, Failure = CallFailure.Threw, NearMiss = null },
    };
}

/// <summary>The outcome of running a submission.</summary>
public sealed record RunResult(string Status, string? Message, AnswerResult[] Answers, CallResult[] Calls, string Output, bool OutputTruncated)
{
    public const string Ok = "ok";
    public const string Crashed = "crashed";
    public const string Timeout = "timeout";

    /// <summary>Answer calls beyond the first <c>MaxAnswers</c>, which were dropped.</summary>
    public int DroppedAnswers { get; init; }

    public static RunResult Failed(string status, string message, string output = "") => new(status, message, [], [], output, false);

    /// <summary>
    /// What the worker's process saw while this submission was its own that no proof of cleanliness can undo, in the
    /// grader's words (<see cref="TypeInitializerFailed"/>, <see cref="HeapRanOut"/>), whoever caught the exception:
    /// the runtime remembers a failed type initializer for the life of the process, and a heap that ran out may have
    /// left any lazily built state of the runtime half made. Null when it saw neither.
    /// </summary>
    public string? Fault { get; init; }

    public const string TypeInitializerFailed = "a type initializer of the runtime failed during the run";
    public const string HeapRanOut = "the heap ran out during the run";

    /// <summary>
    /// Whether the run certainly left something behind (a thread still running after a time-out, a failed type
    /// initializer, a heap that ran out): the worker then exits without trying to prove itself clean. Anything subtler
    /// is found by that proof.
    /// </summary>
    public bool Faulted => Status == Timeout || Calls.Any(c => c.TimedOut) || Fault is not null;
}

/// <summary>
/// What a worker says when it is ready for a (next) request: it has proved that nothing of an earlier run is left.
/// The times are of the request just finished (for benchmarks): compile, run, and the proof of cleanliness.
/// </summary>
public sealed record ReadyReply(long HeapBytes, int Runs)
{
    public double CompileMs { get; init; }
    public double RunMs { get; init; }
    public double CleanMs { get; init; }
}

/// <summary>Bounds on everything a worker returns: student text is data, cut before it is stored.</summary>
public static class ProtocolLimits
{
    public const int MaxPartId = 200;
    public const int MaxMessage = 500;
    public const int MaxAnswers = 500;
    public const int MaxDiagnostics = 20;
    public const int MaxSourceChars = 200_000;

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters, saying how much was cut.</summary>
    public static string Cut(string? text, int max)
    {
        if (text is null)
        {
            return "";
        }
        if (text.Length <= max)
        {
            return text;
        }
        var keep = max;
        // Never split a surrogate pair: half of one is not text.
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }
        return string.Concat(text.AsSpan(0, keep), $"… [{text.Length - keep} more characters]");
    }
}
