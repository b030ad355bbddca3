namespace Grader.Runtime;

/// <summary>One call of a student's method: an implement part's case.</summary>
public sealed record CallRequest(string PartId, int CaseIndex, string Method, string[] ParameterTypes, string ReturnType, ValueDto[] Arguments);

/// <summary>What to run: the compiled script and the calls to make after its top level has run.</summary>
public sealed record RunRequest(byte[] Assembly, CallRequest[] Calls, int CaseTimeoutMs, int OutputLimit)
{
    /// <summary>The limit on the script's top level; 0 means the runner's default (5 s).</summary>
    public int TopLevelTimeoutMs { get; init; }

    /// <summary>The portable PDB of <see cref="Assembly"/>, for line numbers in exception messages.</summary>
    public byte[]? Symbols { get; init; }
}

/// <summary>A value the script passed to Answer, converted; or why it could not be.</summary>
public sealed record AnswerResult(string PartId, ValueDto? Value, bool IsDelegate, string? Error);

/// <summary>The outcome of one call.</summary>
public sealed record CallResult(string PartId, int CaseIndex, ValueDto? Value, string? Error, bool TimedOut)
{
    /// <summary>For an exception: its type and line only, which is all a hidden case may show (its message is the student's text).</summary>
    public string? ErrorKind { get; init; }
}

/// <summary>The outcome of running a submission.</summary>
public sealed record RunResult(string Status, string? Message, AnswerResult[] Answers, CallResult[] Calls, string Output, bool OutputTruncated)
{
    public const string Ok = "ok";
    public const string Crashed = "crashed";
    public const string Timeout = "timeout";

    public static RunResult Failed(string status, string message, string output = "") => new(status, message, [], [], output, false);

    /// <summary>Whether the run left something behind that could affect a later run in the same process (a stuck thread, a fault).</summary>
    public bool Faulted => Status != Ok || Calls.Any(c => c.TimedOut)
        || Calls.Any(c => c.Error?.StartsWith(nameof(OutOfMemoryException), StringComparison.Ordinal) == true);
}
