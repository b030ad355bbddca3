using System.CommandLine;

namespace Grader.Cli.Commands;

/// <summary>--student: whose variant of a problem with per-student givens (src/Grader.Problems/README.md, "Per-student variants").</summary>
public static class StudentOption
{
    public static Option<string?> Create(string what) => new("--student") { Description = what };

    /// <summary>Names a student folder could have: not empty, no path separator, at most 200 characters.</summary>
    public static string? Problem(string? name) =>
        name is null ? null
        : name.Length is 0 or > 200 || name.IndexOfAny(['/', '\\', '\0']) >= 0 || name is "." or ".."
            ? $"--student `{(name.Length > 40 ? name[..40] + "..." : name)}` is not a student's name: 1 to 200 characters, no '/', as the student's folder is named"
            : null;
}
