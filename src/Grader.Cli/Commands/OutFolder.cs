namespace Grader.Cli.Commands;

/// <summary>
/// Checks grade's --out before anything is graded: a folder that exists or can be made, writable, and outside
/// the problems and submissions folders (reports inside submissions would be graded as a student next time).
/// </summary>
public static class OutFolder
{
    /// <summary>Null when <paramref name="outDir"/> will do; else the error and a hint.</summary>
    public static (string Error, string Hint)? Check(string outDir, string problemsDir, string submissionsDir)
    {
        const string hint = "give --out a folder of its own, e.g. --out out (it is created if missing)";
        if (string.IsNullOrWhiteSpace(outDir))
        {
            return ("--out is empty", hint);
        }
        string full;
        try
        {
            full = Path.GetFullPath(outDir);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return ($"--out `{outDir}` is not a valid path: {ex.Message}", hint);
        }
        if (File.Exists(full))
        {
            return ($"--out `{outDir}` is a file, not a folder", "reports go into a folder, one sub-folder per student: " + hint);
        }
        foreach (var (dir, what) in new[] { (problemsDir, "problems"), (submissionsDir, "submissions") })
        {
            if (IsInside(full, Path.GetFullPath(dir)))
            {
                return ($"--out `{outDir}` is inside the {what} folder `{dir}`",
                    what == "submissions" ? "reports there would be graded as a student's folder next time: " + hint : hint);
            }
        }
        try
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".grader-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ($"--out `{outDir}` cannot be written: {ex.Message}", "choose a folder you can write to, " + hint);
        }
        return null;
    }

    private static bool IsInside(string path, string folder)
    {
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var a = Path.TrimEndingDirectorySeparator(path) + Path.DirectorySeparatorChar;
        var b = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        return a.StartsWith(b, comparison);
    }
}
