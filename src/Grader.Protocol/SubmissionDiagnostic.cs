namespace Grader.Protocol;

/// <summary>A compiler or policy message about the student's file, at a 1-based line and column.</summary>
public sealed record SubmissionDiagnostic(string File, int Line, int Column, string Id, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: error {Id}: {Message}";
}
