using System.Collections.Concurrent;
using Grader.Protocol;

namespace Grader.Grading.Execution;

/// <summary>
/// Runs submissions in long-lived <c>Grader.Runner --serve</c> workers (under bubblewrap when available), each
/// submission compiled and run in the worker, in its own collectible load context. After every submission the
/// worker proves that nothing of it is left (its load context collected, no thread or thread-pool work, the heap
/// back near its warm baseline) before it takes the next student; a worker that cannot, or that faulted (a
/// time-out, a crash, running out of memory), is thrown away. <see cref="RunsPerWorker"/> is a backstop.
/// </summary>
public sealed class WorkerPoolRunner : IExecutionRunner
{
    public const int RunsPerWorker = 1000;

    private readonly bool _bubblewrap;
    private readonly ConcurrentBag<WorkerProcess> _idle = [];

    public WorkerPoolRunner(bool useBubblewrap = true)
    {
        WorkerProcess.EnsureRunner();
        _bubblewrap = useBubblewrap && Bubblewrap.IsAvailable;
    }

    public string Description => WorkerProcess.Description(_bubblewrap, "a worker process that proves itself clean after every submission");

    /// <summary>Workers started so far (for tests and benchmarks: how often a worker had to be replaced).</summary>
    public int Started => _started;

    private int _started;

    private readonly ConcurrentQueue<string> _notes = new();

    private readonly ConcurrentQueue<(double Compile, double Run, double Clean)> _timings = new();

    /// <summary>Per submission, as the workers measured them: compile, run and the proof of cleanliness, in ms.</summary>
    public IReadOnlyCollection<(double Compile, double Run, double Clean)> Timings => _timings;

    /// <summary>Why workers said they could not take another student (unclean after a run), one entry each.</summary>
    public IReadOnlyCollection<string> RecycleNotes => _notes;

    /// <summary>Starts a worker with these limits now, unless one is idle already (a server keeps one warm).</summary>
    public void Prewarm(ExecutionLimits limits)
    {
        if (_idle.Any(w => w.Limits == limits && !w.HasExited))
        {
            return;
        }
        _idle.Add(WorkerProcess.Start(_bubblewrap, limits, serve: true));
        Interlocked.Increment(ref _started);
    }

    public SandboxOutcome Run(RunRequest request, ExecutionLimits limits)
    {
        WorkerProcess? worker = null;
        while (_idle.TryTake(out var idle))
        {
            if (idle.Limits == limits && !idle.HasExited)
            {
                worker = idle;
                break;
            }
            idle.Dispose();
        }
        if (worker is null)
        {
            worker = WorkerProcess.Start(_bubblewrap, limits, serve: true);
            Interlocked.Increment(ref _started);
        }
        SandboxOutcome outcome;
        try
        {
            outcome = worker.Exchange(request);
        }
        catch
        {
            worker.Dispose();
            throw;
        }
        if (worker.Runs < RunsPerWorker && worker.WaitClean())
        {
            if (worker.LastReady is { } ready)
            {
                _timings.Enqueue((ready.CompileMs, ready.RunMs, ready.CleanMs));
            }
            _idle.Add(worker);
        }
        else
        {
            if (worker.RecycleNote is { } note)
            {
                _notes.Enqueue(note);
            }
            worker.Dispose();
        }
        return outcome;
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var w))
        {
            w.Dispose();
        }
    }
}
