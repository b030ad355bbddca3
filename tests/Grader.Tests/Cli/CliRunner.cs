using System.Diagnostics;

namespace Grader.Tests.Cli;

/// <summary>Runs the real grader executable from the repository root.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => RunWith(new Dictionary<string, string?>(), args);

    /// <summary>Runs with these environment variables set (a null value removes one).</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string?> env, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repo.Root,
        };
        // The tests' own CI must not leak into what they assert.
        start.Environment.Remove("GITHUB_OUTPUT");
        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "grader.dll"));
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
