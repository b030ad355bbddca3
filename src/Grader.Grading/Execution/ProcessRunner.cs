using System.Text.Json;
using Grader.Runtime;

namespace Grader.Grading.Execution;

/// <summary>
/// Runs each submission in a fresh <c>Grader.Runner</c> process of its own: the strongest isolation (nothing
/// of an earlier student's run exists in the process) at the price of a process start per submission.
/// Under bubblewrap (when <c>bwrap</c> works here) the process has no network, no other processes, and a
/// read-only file system with only the OS, the .NET runtime and the runner's folder.
/// </summary>
public sealed class ProcessRunner : IExecutionRunner
{
    private readonly bool _bubblewrap;

    public ProcessRunner(bool useBubblewrap = true)
    {
        RunnerProcess.EnsureRunner();
        _bubblewrap = useBubblewrap && Bubblewrap.IsAvailable;
    }

    public string Description => RunnerProcess.Description(_bubblewrap, "a fresh process per submission");

    public RunResult Run(RunRequest request, ExecutionLimits limits)
    {
        using var process = RunnerProcess.Start(_bubblewrap, limits, serve: false);
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
            RunnerProcess.Kill(process);
            return RunResult.Failed(RunResult.Timeout, $"the submission did not finish within {limits.Total.TotalSeconds:0.#} s and was stopped");
        }
        process.WaitForExit();
        var output = stdout.GetAwaiter().GetResult();
        if (process.ExitCode == 0 && output.Length > 0)
        {
            try
            {
                return JsonSerializer.Deserialize(output, RunJson.Default.RunResult) ?? RunResult.Failed(RunResult.Crashed, "the runner returned nothing");
            }
            catch (JsonException)
            {
                return RunResult.Failed(RunResult.Crashed, "the runner's result was unreadable");
            }
        }
        return RunResult.Failed(RunResult.Crashed, RunnerProcess.Explain(process.ExitCode, stderr.GetAwaiter().GetResult()));
    }

    /// <summary>Holds no process between runs: nothing to release.</summary>
    public void Dispose()
    {
    }
}
