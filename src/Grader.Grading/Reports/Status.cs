namespace Grader.Grading.Reports;

/// <summary>The status words of FORMAT.md section 4, in one place.</summary>
public static class Status
{
    // Submission statuses.
    public const string Graded = "graded";
    public const string CompileError = "compile_error";
    public const string Rejected = "rejected";
    public const string Timeout = "timeout";
    public const string Crashed = "crashed";
    public const string Missing = "missing";

    /// <summary>A public check's submission status (a student's kit): everything knowable without the key was checked; nothing was scored.</summary>
    public const string Checked = "checked";

    // Part statuses (missing and timeout are shared).
    public const string Correct = "correct";
    public const string Partial = "partial";
    public const string Incorrect = "incorrect";
    public const string Error = "error";

    /// <summary>A public check's part status: nothing to fix before submitting (its value is graded on submission).</summary>
    public const string Ready = "ready";
}
