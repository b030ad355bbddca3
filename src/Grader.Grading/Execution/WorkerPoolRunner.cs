using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Grader.Runtime;

namespace Grader.Grading.Execution;

/// <summary>
/// Runs submissions in long-lived <c>Grader.Runner --serve</c> workers (under bubblewrap when available),
/// each submission in its own collectible load context. A worker is thrown away after any fault (a time-out,
/// a crash, running out of memory) and after <see cref="RunsPerWorker"/> runs, so a stuck thread or a
/// leak never meets the next student. Saves the process start of <see cref="ProcessRunner"/> on every
/// submission; see the README's benchmark figures for the difference.
/// </summary>
public sealed class WorkerPoolRunner : IExecutionRunner
{
    public const int RunsPerWorker = 100;

    private readonly bool _bubblewrap;
    private readonly ConcurrentBag<Worker> _idle = [];

    public WorkerPoolRunner(bool useBubblewrap = true)
    {
        RunnerProcess.EnsureRunner();
        _bubblewrap = useBubblewrap && Bubblewrap.IsAvailable;
    }

    public string Description => RunnerProcess.Description(_bubblewrap, "a worker process recycled after any fault");

    public RunResult Run(RunRequest request, ExecutionLimits limits)
    {
        var worker = _idle.TryTake(out var w) && w.Limits == limits && !w.Process.HasExited ? w : new Worker(_bubblewrap, limits);
        if (!ReferenceEquals(worker, w) && w is not null)
        {
            w.Dispose();
        }
        var message = JsonSerializer.SerializeToUtf8Bytes(request, RunJson.Default.RunRequest);
        var reply = Task.Run(() =>
        {
            Framing.Write(worker.Process.StandardInput.BaseStream, message);
            return Framing.Read(worker.Process.StandardOutput.BaseStream);
        });
        RunResult result;
        bool reusable;
        try
        {
            if (!reply.Wait(limits.Total))
            {
                worker.Dispose();
                return RunResult.Failed(RunResult.Timeout, $"the submission did not finish within {limits.Total.TotalSeconds:0.#} s and was stopped");
            }
            var bytes = reply.Result;
            if (bytes is null)
            {
                worker.Process.WaitForExit(5000);
                result = RunResult.Failed(RunResult.Crashed, RunnerProcess.Explain(worker.Process.HasExited ? worker.Process.ExitCode : -1, worker.Errors));
                reusable = false;
            }
            else
            {
                result = JsonSerializer.Deserialize(bytes, RunJson.Default.RunResult)!;
                reusable = !result.Faulted && ++worker.Runs < RunsPerWorker;
            }
        }
        catch (AggregateException ex) when (ex.InnerException is IOException or InvalidDataException or JsonException)
        {
            worker.Process.WaitForExit(5000);
            result = RunResult.Failed(RunResult.Crashed, RunnerProcess.Explain(worker.Process.HasExited ? worker.Process.ExitCode : -1, worker.Errors));
            reusable = false;
        }
        if (reusable)
        {
            _idle.Add(worker);
        }
        else
        {
            worker.Dispose();
        }
        return result;
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var w))
        {
            w.Dispose();
        }
    }

    private sealed class Worker : IDisposable
    {
        private readonly StringBuilder _stderr = new();

        public Worker(bool bubblewrap, ExecutionLimits limits)
        {
            Limits = limits;
            Process = RunnerProcess.Start(bubblewrap, limits, serve: true);
            Process.ErrorDataReceived += (_, e) =>
            {
                lock (_stderr)
                {
                    if (e.Data is not null && _stderr.Length < 8192)
                    {
                        _stderr.AppendLine(e.Data);
                    }
                }
            };
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }
        public ExecutionLimits Limits { get; }
        public int Runs { get; set; }

        public string Errors
        {
            get
            {
                // Give the asynchronous stderr reader a moment to deliver the dying process's last words.
                Thread.Sleep(50);
                lock (_stderr)
                {
                    return _stderr.ToString();
                }
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                RunnerProcess.Kill(Process);
            }
            Process.Dispose();
        }
    }
}
