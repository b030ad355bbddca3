using Grader.Protocol;
using Grader.Runtime;
using Grader.Scripting;

namespace Grader.Runner;

/// <summary>
/// The worker's side of one submission: compile it under its own limits (a thread with a large stack, a time
/// limit, the process's heap limit), then run it, and afterwards prove that nothing of it is left in the process.
/// </summary>
public static class SubmissionHost
{
    private const int CompileStack = 256 * 1024 * 1024;

    /// <summary>Compiles the request's source; a compile that hits a limit is refused with the reason.</summary>
    /// <param name="stuck">True when the compiler is still running on its thread: the process must end.</param>
    public static CompileResult Compile(RunRequest request, TimeSpan timeout, out bool stuck)
    {
        CompileResult? result = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = ScriptCompiler.Compile(request.Source, request.File, request.ApplyPolicy);
            }
            catch (InsufficientExecutionStackException)
            {
                result = Refused(request.File, "GR0004", "the code is too deeply nested for the compiler; split long expressions into smaller statements");
            }
            catch (OutOfMemoryException)
            {
                result = Refused(request.File, "GR0005", "compiling needed more memory than a submission may use (a constant or expression that grows too large?)");
            }
        }, CompileStack)
        { IsBackground = true, Name = "compile" };
        thread.Start();
        stuck = !thread.Join(timeout);
        return stuck
            ? Refused(request.File, "GR0006", $"compiling did not finish within {timeout.TotalSeconds:0.#} s (deeply nested lambdas or overloads?); simplify the code")
            : result!;
    }

    public static CompileResult Refused(string file, string id, string message) =>
        new(null, CompileResult.Rejected, [new SubmissionDiagnostic(file, 1, 1, id, message)]);

    public static CompileReply Reply(CompileResult c) =>
        new(c.Status, [.. c.Errors], c.MoreErrors);

    /// <summary>Runs a compiled submission; <paramref name="context"/> is its unloaded load context.</summary>
    public static RunResult Run(CompileResult compiled, RunRequest request, TimeSpan topLevel, out WeakReference context) =>
        Executor.Run(compiled.Assembly!, compiled.Symbols, request, topLevel, out context);

    /// <summary>
    /// After a run: the load context collected, no thread-pool work queued, running or done during the run, no thread
    /// started during the run still alive (the runtime's own, named ".NET ...", aside), and the managed heap back near
    /// its baseline. Null when clean, else why not.
    /// </summary>
    public static string? ProveClean(WeakReference context, Baseline before, long heapBaseline, long heapSlack)
    {
        // Young generations first: the load context was made for this run, so it is young, and a full collection
        // also empties the compiler's weak caches, which made the next student's compile about 2.5 times slower.
        for (var i = 0; i < 10 && context.IsAlive; i++)
        {
            GC.Collect(i < 5 ? 1 : GC.MaxGeneration);
            GC.WaitForPendingFinalizers();
        }
        if (context.IsAlive)
        {
            return "the submission's load context could not be unloaded";
        }
        ThreadPool.GetAvailableThreads(out var available, out _);
        ThreadPool.GetMaxThreads(out var max, out _);
        if (ThreadPool.PendingWorkItemCount > 0 || max - available > 0 || ThreadPool.CompletedWorkItemCount != before.PoolCompleted)
        {
            return "the submission left work on the thread pool";
        }
        if (NewThreads(before.Threads) is { Count: > 0 } left)
        {
            return $"the submission left {left.Count} thread(s) running";
        }
        if (HeapAbove(heapBaseline + heapSlack) is { } heap)
        {
            return $"the managed heap stayed at {heap / 1048576} MiB after the run (baseline {heapBaseline / 1048576} MiB)";
        }
        return null;
    }

    /// <summary>
    /// The managed heap's size when it is above <paramref name="limit"/> even after a full collection, else null. The
    /// full collection runs only when the heap as it stands (old garbage included) is above the limit.
    /// </summary>
    public static long? HeapAbove(long limit)
    {
        if (GC.GetTotalMemory(forceFullCollection: false) <= limit)
        {
            return null;
        }
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        return heap > limit ? heap : null;
    }

    /// <summary>What the process looked like just before the submission's code ran.</summary>
    public sealed record Baseline(long PoolCompleted, IReadOnlySet<string> Threads)
    {
        public static Baseline Now() => new(ThreadPool.CompletedWorkItemCount, ThreadIds());
    }

    /// <summary>The kernel's ids of this process's threads.</summary>
    private static HashSet<string> ThreadIds() =>
        Directory.Exists("/proc/self/task") ? [.. Directory.EnumerateDirectories("/proc/self/task").Select(Path.GetFileName).OfType<string>()] : [];

    /// <summary>
    /// Threads that did not exist before the run and still do, except the runtime's own (named ".NET ..."). A joined
    /// thread may take a moment to leave the kernel's list, so a few looks are allowed.
    /// </summary>
    private static List<string> NewThreads(IReadOnlySet<string> before)
    {
        var left = new List<string>();
        for (var look = 0; look < 5; look++)
        {
            left.Clear();
            foreach (var id in ThreadIds().Where(t => !before.Contains(t)))
            {
                try
                {
                    var name = File.ReadAllText($"/proc/self/task/{id}/comm").Trim();
                    if (!name.StartsWith(".NET ", StringComparison.Ordinal))
                    {
                        left.Add(name);
                    }
                }
                catch (IOException)
                {
                    // The thread ended while we looked.
                }
            }
            if (left.Count == 0)
            {
                return left;
            }
            Thread.Sleep(10);
        }
        return left;
    }
}
