using System.Diagnostics;

namespace Grader.Tests.Cli;

/// <summary>Runs the real grader executable from the repository root.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => RunWith(new Dictionary<string, string?>(), args);

    /// <summary>Runs with these environment variables set (a null value removes one).</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string?> env, params string[] args) => RunIn(Repo.Root, env, args);

    /// <summary>Runs in <paramref name="folder"/> with these environment variables set (a null value removes one).</summary>
    public static Result RunIn(string folder, IReadOnlyDictionary<string, string?> env, params string[] args) =>
        RunProgram("dotnet", [Path.Combine(AppContext.BaseDirectory, "grader.dll"), .. args], folder, env);

    /// <summary>
    /// The grader's own build (src/Grader.Cli/bin/&lt;configuration&gt;/net10.0): its folder holds only the grader, as a
    /// release does (the tests' folder holds NUnit and a browser driver besides), so a kit is made from it.
    /// </summary>
    public static string GraderBuild { get; } = BuildOf(new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)));

    private static string BuildOf(DirectoryInfo tests) => Repo.Path("src", "Grader.Cli", "bin", tests.Parent!.Name, tests.Name);

    /// <summary>Runs <paramref name="program"/> (the dotnet host, or an installed tool) as the grader tests run it.</summary>
    public static Result RunProgram(string program, IEnumerable<string> args, string folder, IReadOnlyDictionary<string, string?>? env = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        // The tests' own CI must not leak into what they assert.
        start.Environment.Remove("GITHUB_OUTPUT");
        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        // No warm check server unless a test asks for one (CheckServerTests): a server would outlive the test.
        start.Environment["GRADER_CHECK_SERVER"] = "0";
        foreach (var (k, v) in env ?? new Dictionary<string, string?>())
        {
            if (v is null)
            {
                start.Environment.Remove(k);
            }
            else
            {
                start.Environment[k] = v;
            }
        }
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
