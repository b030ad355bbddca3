using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Grader.Protocol;

namespace Grader.Grading.Execution;

/// <summary>
/// One <c>Grader.Runner</c> process seen from the grader: started (under bubblewrap or not, with its limits), sent
/// a submission, read back within time limits, killed when it overstays. Nothing the worker writes is trusted:
/// replies are size-checked frames, parsed as data, and bounded again (<see cref="ReplyBounds"/>); its standard
/// error only helps the grader choose its own words for a death and never reaches a report.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    /// <summary>Time for a worker to start and warm its compiler before it says it is ready.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    /// <summary>Time for a worker to prove itself clean after a run.</summary>
    private static readonly TimeSpan CleanLimit = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    /// <summary>Set when the worker's standard error has closed: all its last words have been read.</summary>
    private readonly ManualResetEventSlim _stderrClosed = new();

    private WorkerProcess(Process process, ExecutionLimits limits)
    {
        _process = process;
        Limits = limits;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                if (e.Data is not null && _stderr.Length < 8192)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
            if (e.Data is null)
            {
                _stderrClosed.Set();
            }
        };
        _process.BeginErrorReadLine();
    }

    public ExecutionLimits Limits { get; }

    public int Runs { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>Why the worker said it exits after a run ("worker recycled: ..."), for the instructor's statistics only.</summary>
    public string? RecycleNote
    {
        get
        {
            lock (_stderr)
            {
                var text = _stderr.ToString();
                var at = text.LastIndexOf("worker recycled: ", StringComparison.Ordinal);
                return at < 0 ? null : text[(at + 17)..].Split('\n')[0].Trim();
            }
        }
    }

    /// <summary>
    /// The worker the grader starts: the precompiled one in <c>worker/</c> (ReadyToRun images of Roslyn and the
    /// runner, tiered compilation off: see src/Sandbox/Grader.Runner's project) when the build made it, else the
    /// plain build in <c>plain-worker/</c>. <c>GRADER_PRECOMPILED_WORKER=0</c> chooses the plain one (for comparisons).
    /// Both are folders of their own beside the grader, copied by the build (Directory.Build.targets): the worker is
    /// never a reference of the grader's, so Roslyn is not either.
    /// Only the worker's own folder is mounted in the sandbox.
    /// </summary>
    public static string RunnerDll { get; } = ChooseRunner();

    /// <summary>Whether <see cref="RunnerDll"/> is the precompiled worker.</summary>
    public static bool Precompiled => Path.GetFileName(Path.GetDirectoryName(RunnerDll)) == "worker";

    private static string ChooseRunner()
    {
        var precompiled = Path.Combine(AppContext.BaseDirectory, "worker", "Grader.Runner.dll");
        return File.Exists(precompiled) && Environment.GetEnvironmentVariable("GRADER_PRECOMPILED_WORKER") != "0"
            ? precompiled
            : Path.Combine(AppContext.BaseDirectory, "plain-worker", "Grader.Runner.dll");
    }

    public static void EnsureRunner()
    {
        if (!File.Exists(RunnerDll))
        {
            throw new FileNotFoundException($"the sandboxed worker was not found beside the grader: {RunnerDll} (build the grader with dotnet build, which copies it)");
        }
        if (DotnetHost.Path is null)
        {
            throw new FileNotFoundException(DotnetHost.NotFound);
        }
    }

    public static string Description(bool bubblewrap, string how) => bubblewrap
        ? $"in a bubblewrap sandbox (no network, read-only minimal file system, {how})"
        : $"{how} without bubblewrap (process limits only: heap, time, output; files and network are guarded by the static policy alone)";

    /// <summary>A worker; with <paramref name="serve"/> it warms up first, and this waits until it says it is ready.</summary>
    public static WorkerProcess Start(bool bubblewrap, ExecutionLimits limits, bool serve)
    {
        var worker = new WorkerProcess(StartProcess(bubblewrap, limits, serve), limits);
        if (serve && worker.Read(StartLimit, out _) is null)
        {
            var why = worker.Death();
            worker.Dispose();
            throw new InvalidOperationException($"a worker did not start: {why}");
        }
        return worker;
    }

    /// <summary>Sends one submission and reads what came back; a worker that dies or overstays is killed and explained.</summary>
    public SandboxOutcome Exchange(RunRequest request)
    {
        try
        {
            Framing.Write(_process.StandardInput.BaseStream, JsonSerializer.SerializeToUtf8Bytes(request, RunJson.Default.RunRequest));
        }
        catch (IOException)
        {
            // The worker died before reading its request; the next read finds it gone and says why.
        }
        var compileLimit = Limits.Compile + TimeSpan.FromSeconds(10);
        var compileFrame = Read(compileLimit, out var compileTimedOut);
        CompileReply? compile = null;
        try
        {
            compile = compileFrame is null ? null : JsonSerializer.Deserialize(compileFrame, RunJson.Default.CompileReply);
        }
        catch (JsonException)
        {
            compile = null;
        }
        if (compile is null)
        {
            var why = compileTimedOut ? $"compiling did not finish within {Limits.Compile.TotalSeconds:0.#} s" : CompilerDeath();
            Kill();
            return new SandboxOutcome(new CompileReply(CompileReply.Rejected, [new SubmissionDiagnostic(request.File, 1, 1, "GR0007", why)], 0), null);
        }
        compile = ReplyBounds.Compile(compile, request.File);
        if (compile.Status != CompileReply.Compiled)
        {
            return new SandboxOutcome(compile, null);
        }
        var runFrame = Read(Limits.Total, out var runTimedOut);
        if (runFrame is null)
        {
            var why = runTimedOut ? null : Death();
            Kill();
            return new SandboxOutcome(compile, runTimedOut
                ? RunResult.Failed(RunResult.Timeout, $"the submission did not finish within {Limits.Total.TotalSeconds:0.#} s and was stopped")
                : RunResult.Failed(RunResult.Crashed, why!));
        }
        try
        {
            var run = JsonSerializer.Deserialize(runFrame, RunJson.Default.RunResult);
            Runs++;
            return new SandboxOutcome(compile, run is null ? RunResult.Failed(RunResult.Crashed, "the worker returned nothing") : ReplyBounds.Run(run, request));
        }
        catch (JsonException)
        {
            Kill();
            return new SandboxOutcome(compile, RunResult.Failed(RunResult.Crashed, "the worker's reply was unreadable"));
        }
    }

    /// <summary>The worker's own account of the last request it finished (times of compile, run and cleanliness proof).</summary>
    public ReadyReply? LastReady { get; private set; }

    /// <summary>After a run: true when the worker proved itself clean and is ready for the next student.</summary>
    public bool WaitClean()
    {
        if (_process.HasExited)
        {
            return false;
        }
        var frame = Read(CleanLimit, out _);
        try
        {
            LastReady = frame is null ? null : JsonSerializer.Deserialize(frame, RunJson.Default.ReadyReply);
            return LastReady is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The next frame within <paramref name="limit"/>; null at the end of the stream, on a bad frame or a time-out.</summary>
    private byte[]? Read(TimeSpan limit, out bool timedOut)
    {
        var stream = _process.StandardOutput.BaseStream;
        var read = Task.Run(() => Framing.Read(stream, Framing.MaxReply));
        timedOut = false;
        try
        {
            if (!read.Wait(limit))
            {
                timedOut = true;
                return null;
            }
            return read.Result;
        }
        catch (AggregateException ex) when (ex.InnerException is IOException or InvalidDataException or ObjectDisposedException)
        {
            return null;
        }
    }

    /// <summary>The grader's own words for why a worker died while compiling.</summary>
    private string CompilerDeath() => Classify() switch
    {
        Cause.StackOverflow => "the compiler ran out of stack: the code is too deeply nested; split long expressions",
        Cause.OutOfMemory => "compiling needed more memory than a submission may use",
        _ => "the compiler's process ended unexpectedly",
    };

    /// <summary>The grader's own words for why a worker died while running the submission (never the worker's text).</summary>
    private string Death() => Classify() switch
    {
        Cause.StackOverflow => "stack overflow (endless recursion?)",
        Cause.OutOfMemory => "ran out of memory",
        _ => _process.HasExited ? $"the submission's process ended with exit code {_process.ExitCode}" : "the submission's process stopped answering",
    };

    private enum Cause
    {
        Other,
        StackOverflow,
        OutOfMemory,
    }

    private Cause Classify()
    {
        _process.WaitForExit(5000);
        // The dying process's last words, read to the end of its standard error (a fixed pause missed them on a busy
        // machine, and an out-of-memory compile was then reported as an unexplained end); bounded, as a descendant
        // could hold the pipe open.
        _stderrClosed.Wait(TimeSpan.FromSeconds(2));
        string text;
        lock (_stderr)
        {
            text = _stderr.ToString();
        }
        return text.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase) ? Cause.StackOverflow
            : text.Contains("OutOfMemory", StringComparison.OrdinalIgnoreCase) || text.Contains("out of memory", StringComparison.OrdinalIgnoreCase) ? Cause.OutOfMemory
            : Cause.Other;
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        // _stderrClosed is not disposed: the reader's last event may still come, and set it, after this.
    }

    private static Process StartProcess(bool bubblewrap, ExecutionLimits limits, bool serve)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var env = new Dictionary<string, string>
        {
            ["DOTNET_GCHeapHardLimit"] = "0x" + limits.HeapBytes.ToString("X", inv),
            ["DOTNET_gcServer"] = "0",
            // The GC sizes its youngest generation from the CPU's cache, which it reads from /sys: the sandbox has no
            // /sys, and the budget it falls back to made compiling and the proof of cleanliness two to five times
            // slower (benchmark "worker"). 32 MiB, the same in and out of the sandbox.
            ["DOTNET_GCgen0size"] = "0x2000000",
            ["DOTNET_TieredPGO"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["GRADER_TOPLEVEL_MS"] = ((int)limits.TopLevel.TotalMilliseconds).ToString(inv),
            ["GRADER_COMPILE_MS"] = ((int)limits.Compile.TotalMilliseconds).ToString(inv),
        };
        var command = new List<string> { DotnetHost.Path ?? throw new FileNotFoundException(DotnetHost.NotFound), RunnerDll };
        if (serve)
        {
            command.Add("--serve");
        }
        if (bubblewrap)
        {
            var launcher = Bubblewrap.Launcher;
            start.FileName = launcher[0];
            foreach (var arg in launcher.Skip(1).Concat(Bubblewrap.Arguments(Path.GetDirectoryName(RunnerDll)!, env)).Concat(command))
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
}
