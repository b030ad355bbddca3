using System.Diagnostics;
using System.Text.Json;
using Grader.Runtime;

namespace Grader.Grading.Execution;

/// <summary>
/// Runs each submission in its own <c>Grader.Runner</c> process: a crash, a stack overflow or an endless loop
/// ends that process, not the grader. Under bubblewrap (when <c>bwrap</c> works here) the process also has no
/// network, no other processes, and a file system with only the OS, the .NET runtime and the runner's own
/// folder, read-only: problems, answers and other students' files do not exist in it. Without bubblewrap,
/// only the process limits apply (heap, time, output) and the static policy is the only guard on files and network.
/// </summary>
public sealed class ProcessRunner : IExecutionRunner
{
    private readonly string _runnerDll;
    private readonly bool _bubblewrap;

    public ProcessRunner(bool useBubblewrap = true)
    {
        _runnerDll = Path.Combine(AppContext.BaseDirectory, "Grader.Runner.dll");
        if (!File.Exists(_runnerDll))
        {
            throw new FileNotFoundException($"the runner was not found beside the grader: {_runnerDll}");
        }
        _bubblewrap = useBubblewrap && Bubblewrap.IsAvailable;
    }

    public bool Sandboxed => _bubblewrap;

    public string Description => _bubblewrap
        ? "in a bubblewrap sandbox (no network, read-only minimal file system, separate process)"
        : "in a separate process without bubblewrap (process limits only: heap, time, output; files and network are guarded by the static policy alone)";

    public RunResult Run(RunRequest request, ExecutionLimits limits)
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
        if (_bubblewrap)
        {
            start.FileName = Bubblewrap.Path!;
            foreach (var arg in Bubblewrap.Arguments(Path.GetDirectoryName(_runnerDll)!, env))
            {
                start.ArgumentList.Add(arg);
            }
            start.ArgumentList.Add(Bubblewrap.DotnetHost);
            start.ArgumentList.Add(_runnerDll);
        }
        else
        {
            start.FileName = Bubblewrap.DotnetHost;
            start.ArgumentList.Add(_runnerDll);
            start.Environment.Clear();
            foreach (var (k, v) in env)
            {
                start.Environment[k] = v;
            }
            start.Environment["PATH"] = "/usr/bin:/bin";
            start.Environment["HOME"] = Path.GetTempPath();
            start.WorkingDirectory = Path.GetTempPath();
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the runner");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            JsonSerializer.Serialize(process.StandardInput.BaseStream, request, RunJson.Default.RunRequest);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The runner died before reading its input; its exit status tells why.
        }
        if (!process.WaitForExit(limits.Total))
        {
            Kill(process);
            return RunResult.Failed(RunResult.Timeout, $"the submission did not finish within {limits.Total.TotalSeconds:0.#} s and was stopped");
        }
        process.WaitForExit();
        var output = stdout.GetAwaiter().GetResult();
        var errors = stderr.GetAwaiter().GetResult();
        if (process.ExitCode == 0 && output.Length > 0)
        {
            try
            {
                return JsonSerializer.Deserialize(output, RunJson.Default.RunResult)
                    ?? RunResult.Failed(RunResult.Crashed, "the runner returned nothing");
            }
            catch (JsonException)
            {
                return RunResult.Failed(RunResult.Crashed, "the runner's result was unreadable");
            }
        }
        return RunResult.Failed(RunResult.Crashed, Explain(process.ExitCode, errors));
    }

    private static string Explain(int exitCode, string stderr)
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

    private static void Kill(Process process)
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
