using Grader.Grading.Reports;

namespace Grader.Cli.Commands;

/// <summary>What goes to a CI runner's files: GitHub Actions' step summary and step outputs.</summary>
public static class CiOutputs
{
    /// <summary>Appends Markdown to the file <c>$GITHUB_STEP_SUMMARY</c> names, when it is set.</summary>
    public static void StepSummary(string markdown)
    {
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } file)
        {
            File.AppendAllText(file, markdown + "\n");
        }
    }

    /// <summary>
    /// A checked submission's path as a report names it: relative to the folder check was run in (where a CI job runs,
    /// the repository's root) when it is under it, else its file name.
    /// </summary>
    public static string GradedPath(string file, string folder)
    {
        var relative = Path.GetRelativePath(folder, Path.GetFullPath(file, folder));
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? Path.GetFileName(file)
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>
    /// The GitHub Classroom result: <c>result=&lt;base64&gt;</c> appended to <c>$GITHUB_OUTPUT</c> when set (the
    /// workflow passes <c>steps.&lt;id&gt;.outputs.result</c> to the grading reporter), else printed.
    /// </summary>
    public static void Classroom(IReadOnlyList<SubmissionReport> reports, TextWriter stdout)
    {
        var line = ReportClassroom.OutputLine(reports);
        if (Environment.GetEnvironmentVariable("GITHUB_OUTPUT") is { Length: > 0 } file)
        {
            File.AppendAllText(file, line + "\n");
        }
        else
        {
            stdout.WriteLine(line);
        }
    }
}
