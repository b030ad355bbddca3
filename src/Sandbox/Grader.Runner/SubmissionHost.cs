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
    /// After a run: the load context collected, no thread-pool work queued or done by the run, no thread more
    /// than before, and the managed heap back near its baseline. Null when clean, else why not.
    /// </summary>
    public static string? ProveClean(WeakReference context, Baseline before, long heapBaseline, long heapSlack)
    {
        for (var i = 0; i < 10 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        if (context.IsAlive)
        {
            return "the submission's load context could not be unloaded";
        }
        if (ThreadPool.PendingWorkItemCount > 0 || ThreadPool.CompletedWorkItemCount != before.PoolCompleted)
        {
            return "the submission left work on the thread pool";
        }
        if (SubmissionThreads() > 0)
        {
            return "the submission left a thread running";
        }
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        if (heap > heapBaseline + heapSlack)
        {
            return $"the managed heap stayed at {heap / 1048576} MiB after the run (baseline {heapBaseline / 1048576} MiB)";
        }
        return null;
    }

    /// <summary>What the process looked like just before the submission's code ran.</summary>
    public sealed record Baseline(long PoolCompleted)
    {
        public static Baseline Now() => new(ThreadPool.CompletedWorkItemCount);
    }

    /// <summary>
    /// Threads of the executor's (named "submission") still alive, from the kernel's list: a joined thread may
    /// take a moment to leave it, so a few looks are allowed.
    /// </summary>
    private static int SubmissionThreads()
    {
        var count = 0;
        for (var look = 0; look < 5; look++)
        {
            count = 0;
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    count += File.ReadAllText(Path.Combine(task, "comm")).Trim() == "submission" ? 1 : 0;
                }
                catch (IOException)
                {
                    // The thread ended while we looked.
                }
            }
            if (count == 0)
            {
                return 0;
            }
            Thread.Sleep(10);
        }
        return count;
    }
}
