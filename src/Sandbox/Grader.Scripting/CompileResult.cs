using Grader.Protocol;

namespace Grader.Scripting;

/// <summary>The outcome of compiling a submission: the assembly's bytes, or why there are none.</summary>
public sealed record CompileResult(byte[]? Assembly, string Status, IReadOnlyList<SubmissionDiagnostic> Errors)
{
    /// <summary>The portable PDB beside <see cref="Assembly"/>.</summary>
    public byte[]? Symbols { get; init; }

    /// <summary>Errors beyond the <see cref="ProtocolLimits.MaxDiagnostics"/> kept in <see cref="Errors"/>.</summary>
    public int MoreErrors { get; init; }

    public const string Compiled = CompileReply.Compiled;
    public const string CompileError = CompileReply.CompileError;
    public const string Rejected = CompileReply.Rejected;
}
