using System.Diagnostics;

namespace Grader.Tests;

/// <summary>
/// Every process a test starts ends with the test run. The run marks its environment with a variable of its own
/// (<see cref="Variable"/> = a fresh id), which every process it starts inherits, whether it waits for it or not, and
/// whatever it becomes (a check server that left its session, a worker): at the end, each process still holding the
/// mark is named and ended with its children. Processes that clear their environment (a sandboxed worker under
/// bubblewrap's <c>--clearenv</c>) are children of one that holds it, and die with it (<c>--die-with-parent</c>).
/// </summary>
public static class TestProcesses
{
    public const string Variable = "GRADER_TEST_RUN";

    public static string Mark { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Called once before any test (TestMachine).</summary>
    public static void MarkThisRun() => Environment.SetEnvironmentVariable(Variable, Mark);

    /// <summary>The processes other than this one whose environment holds <paramref name="mark"/>, with their command lines.</summary>
    public static List<(int Pid, string Command)> Holding(string mark)
    {
        var found = new List<(int, string)>();
        if (!Directory.Exists("/proc"))
        {
            return found;
        }
        var needle = $"{Variable}={mark}";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if (environ.Split('\0').Contains(needle, StringComparer.Ordinal))
                {
                    found.Add((pid, File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim()));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or another user's.
            }
        }
        return found;
    }

    /// <summary>Ends every process still holding <paramref name="mark"/>; returns what was ended.</summary>
    public static List<(int Pid, string Command)> EndLeft(string mark)
    {
        var left = Holding(mark);
        foreach (var (pid, _) in left)
        {
            try
            {
                using var p = Process.GetProcessById(pid);
                p.Kill(entireProcessTree: true);
                p.WaitForExit(5000);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
        return left;
    }
}
