namespace Grader.Grading.Reports;

/// <summary>The report of one student's submission for one problem (FORMAT.md section 4, plus extensions).</summary>
public sealed record SubmissionReport
{
    public required string Problem { get; init; }
    public required string Student { get; init; }
    public required double Score { get; init; }
    public required double MaxScore { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyList<PartReport> Parts { get; init; }

    /// <summary>A one-line reason for a status other than graded (or a note on a graded run).</summary>
    public string? Message { get; init; }

    /// <summary>Compiler or policy messages, as file:line:column lines.</summary>
    public IReadOnlyList<string> Diagnostics { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What the script's top level printed (capped); output during method calls is never kept.</summary>
    public string? Output { get; init; }

    /// <summary>How the submission ran: "bubblewrap", "process (no bubblewrap: process limits only)", "in-process".</summary>
    public string? Sandbox { get; init; }

    /// <summary>True for a student kit's public check (nothing scored, whatever the status); null for grading.</summary>
    public bool? PublicCheck { get; init; }

    /// <summary>Identifies the inputs graded (spec, submission, grader), so that a resumed batch can skip finished work.</summary>
    public string? Fingerprint { get; init; }
}
