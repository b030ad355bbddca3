namespace Grader.Cli;

/// <summary>Exit codes, as FORMAT.md section 3 fixes them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int NotAllCorrect = 1;

    /// <summary><c>grade</c> and <c>merge</c>: everything else was written, but some class-level file could not be.</summary>
    public const int OutputsIncomplete = 1;
    public const int UsageOrSpecError = 2;
}
