namespace Grader.Scripting;

/// <summary>The outcome of compiling a submission: the assembly's bytes, or why there are none.</summary>
public sealed record CompileResult(byte[]? Assembly, string Status, IReadOnlyList<SubmissionDiagnostic> Errors)
{
    /// <summary>The portable PDB beside <see cref="Assembly"/>.</summary>
    public byte[]? Symbols { get; init; }

    public const string Compiled = "compiled";
    public const string CompileError = "compile_error";
    public const string Rejected = "rejected";
}
