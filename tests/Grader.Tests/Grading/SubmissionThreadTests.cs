using Grader.Protocol;
using Grader.Runner;

namespace Grader.Tests.Grading;

/// <summary>
/// One submission's code runs on one thread of its own, call after call (starting a thread with a large stack costs
/// about half a millisecond); a call that times out leaves its thread behind and the next call gets a new one; the run
/// leaves no thread of its own behind. Trusted snippets with the policy off, so that they can look at their thread.
/// </summary>
[NonParallelizable]
public class SubmissionThreadTests
{
    private const string Source = """
        int Id(double x) => System.Threading.Thread.CurrentThread.ManagedThreadId;
        string Name(double x) => System.Threading.Thread.CurrentThread.Name ?? "";
        // Busy for a second and a half, far past the case limit, then done: the abandoned thread ends by itself.
        int Hang(double x) { var end = System.DateTime.UtcNow.AddSeconds(1.5); while (System.DateTime.UtcNow < end) { } return 0; }
        Answer("top", (double)System.Threading.Thread.CurrentThread.ManagedThreadId);
        """;

    private static CallRequest Call(string part, int index, string method, string returns) =>
        new(part, index, method, ["double"], returns, [ValueDto.Scalar(1)]);

    private static RunResult Run(params CallRequest[] calls)
    {
        var request = new RunRequest(Source, "threads.csx", calls, 300, 4000) { ApplyPolicy = false };
        var compiled = SubmissionHost.Compile(request, TimeSpan.FromMinutes(2), out _);
        Assert.That(compiled.Assembly, Is.Not.Null, string.Join("; ", compiled.Errors.Select(e => e.Message)));
        return SubmissionHost.Run(compiled, request, TimeSpan.FromSeconds(10), out _);
    }

    private static double Value(CallResult c) => c.Value!.Data.Single();

    [Test]
    public void The_top_level_and_every_call_run_on_one_thread_named_submission_that_is_not_the_callers()
    {
        var result = Run(Call("a", 0, "Id", "int"), Call("a", 1, "Id", "int"), Call("b", 0, "Id", "int"));

        var top = result.Answers.Single(a => a.PartId == "top").Value!.Data.Single();
        Assert.That(result.Calls.Select(Value), Is.All.EqualTo(top), "one thread for the whole run");
        Assert.That(top, Is.Not.EqualTo(Environment.CurrentManagedThreadId), "not the worker's own thread");
    }

    [Test]
    public void After_a_call_times_out_the_next_part_runs_on_a_new_thread()
    {
        var result = Run(Call("a", 0, "Id", "int"), Call("hang", 0, "Hang", "int"), Call("b", 0, "Id", "int"));

        Assert.That(result.Calls[1].TimedOut, Is.True);
        Assert.That(Value(result.Calls[2]), Is.Not.EqualTo(Value(result.Calls[0])), "the timed-out thread is abandoned");
    }

    [Test]
    public void A_run_that_finished_leaves_no_submission_thread_alive()
    {
        var before = Threads("submission");
        var result = Run(Call("a", 0, "Id", "int"), Call("a", 1, "Id", "int"));

        Assert.That(result.Calls.Select(c => c.Error), Is.All.Null);
        // A thread another test abandoned may still be there (it ends by itself): only new ones count. A joined thread
        // may take a moment to leave the kernel's list, so a few looks are allowed, as the worker's own proof does.
        var left = Threads("submission").Except(before).ToList();
        for (var look = 0; look < 20 && left.Count > 0; look++)
        {
            Thread.Sleep(10);
            left = [.. Threads("submission").Except(before)];
        }
        Assert.That(left, Is.Empty);
    }

    /// <summary>The kernel's ids of this process's threads named <paramref name="name"/>.</summary>
    private static HashSet<string> Threads(string name) =>
        [.. Directory.EnumerateDirectories("/proc/self/task").Where(t =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(t, "comm")).Trim() == name;
            }
            catch (IOException)
            {
                return false;
            }
        }).Select(Path.GetFileName).OfType<string>()];
}
