using System.Diagnostics;

namespace Grader.Grading.Execution;

/// <summary>How a Grader.Runner process is started (under bubblewrap or not, with its limits) and how its death is explained.</summary>
internal static class RunnerProcess
{
    public static string RunnerDll { get; } = Path.Combine(AppContext.BaseDirectory, "Grader.Runner.dll");

    public static void EnsureRunner()
    {
        if (!File.Exists(RunnerDll))
        {
            throw new FileNotFoundException($"the runner was not found beside the grader: {RunnerDll}");
        }
    }

    public static string Description(bool bubblewrap, string how) => bubblewrap
        ? $"in a bubblewrap sandbox (no network, read-only minimal file system, {how})"
        : $"{how} without bubblewrap (process limits only: heap, time, output; files and network are guarded by the static policy alone)";

    public static Process Start(bool bubblewrap, ExecutionLimits limits, bool serve)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = new Dictionary<string, string>
        {
            ["DOTNET_GCHeapHardLimit"] = "0x" + limits.HeapBytes.ToString("X"),
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_TieredPGO"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["GRADER_TOPLEVEL_MS"] = ((int)limits.TopLevel.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var command = new List<string> { Bubblewrap.DotnetHost, RunnerDll };
        if (serve)
        {
            command.Add("--serve");
        }
        if (bubblewrap)
        {
            start.FileName = Bubblewrap.Path!;
            foreach (var arg in Bubblewrap.Arguments(Path.GetDirectoryName(RunnerDll)!, env).Concat(command))
            {
                start.ArgumentList.Add(arg);
            }
        }
        else
        {
            start.FileName = command[0];
            foreach (var arg in command.Skip(1))
            {
                start.ArgumentList.Add(arg);
            }
            start.Environment.Clear();
            foreach (var (k, v) in env)
            {
                start.Environment[k] = v;
            }
            start.Environment["PATH"] = "/usr/bin:/bin";
            start.Environment["HOME"] = Path.GetTempPath();
            start.WorkingDirectory = Path.GetTempPath();
        }
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the runner");
    }

    public static string Explain(int exitCode, string stderr)
    {
        if (stderr.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase))
        {
            return "stack overflow (endless recursion?)";
        }
        if (stderr.Contains("OutOfMemory", StringComparison.OrdinalIgnoreCase) || stderr.Contains("out of memory", StringComparison.OrdinalIgnoreCase))
        {
            return "ran out of memory";
        }
        var first = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return $"the submission's process ended with exit code {exitCode}" + (first is null ? "" : $": {first[..Math.Min(first.Length, 200)]}");
    }

    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
