using System.CommandLine;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Grader.Grading.Execution;
using Grader.Protocol;

namespace Grader.Cli.Commands;

/// <summary>
/// The warm check server: a student's repeated <c>check</c> is answered in a fraction of a second by a grader
/// process that is already running, with a sandboxed worker that has already warmed its compiler. It is trusted
/// side only: it reads the spec and the submission afresh for every request, grades exactly as a plain
/// <c>check</c> does, and runs the submission in a worker of the same pool a batch uses (bubblewrap, limits, and
/// a proof of cleanliness after every submission, or a fresh worker). It listens on a Unix socket in a folder only
/// its user can open (<c>$XDG_RUNTIME_DIR/grader</c>, else <c>/tmp/grader-&lt;uid&gt;</c>, mode 0700), named
/// after the build's files, so a rebuilt grader never talks to an old server. A <c>check</c> that finds no server
/// grades in its own process as before and then starts one in the background; the server ends after
/// <see cref="DefaultIdle"/> without a request. <c>GRADER_CHECK_SERVER=0</c> turns all of this off; in CI (the
/// variables <c>CI</c> or <c>GITHUB_ACTIONS</c> set) it is off too, since every run there is a fresh machine.
/// </summary>
public static class CheckServer
{
    public const string Switch = "GRADER_CHECK_SERVER";
    public const string FolderVariable = "GRADER_CHECK_SERVER_DIR";
    public const string IdleVariable = "GRADER_CHECK_SERVER_IDLE";
    public static readonly TimeSpan DefaultIdle = TimeSpan.FromMinutes(15);

    private const int MaxRequest = 1024 * 1024;
    private const int MaxReply = 64 * 1024 * 1024;

    /// <summary>The hidden verb that runs the server in the foreground (the client starts it in the background).</summary>
    public static Command Command()
    {
        var idle = new Option<int>("--idle")
        {
            Description = "seconds without a request after which the server ends",
            DefaultValueFactory = _ => IdleSeconds(),
        };
        var command = new Command("check-server", "The warm server a repeated check reuses (started by check on its own; see the README).")
        {
            idle,
        };
        command.Hidden = true;
        command.SetAction(r => Serve(TimeSpan.FromSeconds(Math.Max(1, r.GetValue(idle)))));
        return command;
    }

    /// <summary>
    /// When a server for this build answers: sends it the command line and prints what it answered, returning the
    /// exit code; null when there is none or it failed (the caller then grades in its own process).
    /// </summary>
    public static int? TryForward(string[] args)
    {
        if (!Eligible(args) || SocketPath() is not { } path || !File.Exists(path))
        {
            return null;
        }
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            if (!PeerIsMe(socket))
            {
                // Someone else's socket in our folder: never trust its answer, grade here.
                return null;
            }
            // Far beyond any check: compile and run limits end a submission long before.
            socket.ReceiveTimeout = (int)TimeSpan.FromMinutes(5).TotalMilliseconds;
            using var stream = new NetworkStream(socket, ownsSocket: false);
            Framing.Write(stream, Encode(w =>
            {
                w.Write(Environment.CurrentDirectory);
                w.Write(args.Length);
                foreach (var a in args)
                {
                    w.Write(a);
                }
            }));
            if (Framing.Read(stream, MaxReply) is not { } bytes)
            {
                return null;
            }
            using var reply = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            var code = reply.ReadInt32();
            var stdout = reply.ReadString();
            var stderr = reply.ReadString();
            Console.Out.Write(stdout);
            Console.Error.Write(stderr);
            return code;
        }
        catch (Exception ex) when (ex is SocketException or IOException or EndOfStreamException or FormatException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>A message's bytes, written by <paramref name="write"/> (strings length-prefixed, UTF-8).</summary>
    private static byte[] Encode(Action<BinaryWriter> write)
    {
        var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            write(w);
        }
        return buffer.ToArray();
    }

    /// <summary>After a check graded in its own process: starts a server in the background for the next one.</summary>
    public static void StartAfterCheck(string[] args)
    {
        if (!Eligible(args) || SocketPath() is not { } path || Answers(path))
        {
            return;
        }
        var self = Environment.ProcessPath;
        if (self is null)
        {
            return;
        }
        var command = new List<string> { self };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            command.Add(typeof(CheckServer).Assembly.Location);
        }
        command.Add("check-server");
        // Its own session (no signal from this terminal's Ctrl-C), and no handle on this process's output: whoever
        // reads this check's output to its end must not wait for the server.
        // Nor any other descriptor this process inherited (a pipe someone reads to its end, a make jobserver), nor
        // this folder as its working folder. bash closes descriptors of any number; sh only the first ten.
        var shell = File.Exists("/bin/bash") ? "/bin/bash" : "/bin/sh";
        var start = new ProcessStartInfo(shell) { UseShellExecute = false, WorkingDirectory = "/" };
        start.Environment.Remove(Bubblewrap.Disable);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] 2>/dev/null && eval \"exec $n>&-\" 2>/dev/null; done; "
            + (File.Exists("/usr/bin/setsid") ? "exec /usr/bin/setsid " : "exec ") + "\"$@\" </dev/null >/dev/null 2>&1");
        start.ArgumentList.Add("sh");
        foreach (var c in command)
        {
            start.ArgumentList.Add(c);
        }
        try
        {
            using var p = Process.Start(start);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // No server then: every check grades in its own process, as without one.
        }
    }

    private static bool Eligible(string[] args) =>
        args.Length > 0 && args[0] == "check"
        && Environment.GetEnvironmentVariable(Switch) != "0"
        && Environment.GetEnvironmentVariable("CI") is null or ""
        && Environment.GetEnvironmentVariable("GITHUB_ACTIONS") is null or ""
        // What a check writes besides its output goes to files these name: only a process of their own does that.
        && Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is null or ""
        && Environment.GetEnvironmentVariable("GITHUB_OUTPUT") is null or ""
        // A sandbox turned off for one check stays this process's choice; the server always sandboxes.
        && Environment.GetEnvironmentVariable(Bubblewrap.Disable) is null or ""
        && !args.Any(a => a is "-h" or "--help" or "-?" or "/?" or "/h" or "--fresh-process");

    private static int IdleSeconds() =>
        int.TryParse(Environment.GetEnvironmentVariable(IdleVariable), out var s) && s > 0 ? s : (int)DefaultIdle.TotalSeconds;

    /// <summary>
    /// The socket of the server for this build, in a folder of mode 0700 (made when missing); null when that
    /// folder cannot be made or is open to others (then no server is used).
    /// </summary>
    internal static string? SocketPath()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } chosen ? chosen
            : Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime ? Path.Combine(runtime, "grader")
            : Path.Combine("/tmp", $"grader-{UserId()}");
        try
        {
            var info = Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (info.LinkTarget is not null || File.GetUnixFileMode(folder) != (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute))
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var path = Path.Combine(folder, $"check-{BuildKey()}.sock");
        // A Unix socket's path has at most 107 bytes.
        return Encoding.UTF8.GetByteCount(path) < 108 ? path : null;
    }

    private static string UserId()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return line?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? Environment.UserName;
        }
        catch (IOException)
        {
            return Environment.UserName;
        }
    }

    /// <summary>Names this build (<see cref="BuildIdentity"/>).</summary>
    private static string BuildKey() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(BuildIdentity.Text)))[..16];

    private static bool Answers(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int Serve(TimeSpan idle)
    {
        if (SocketPath() is not { } path)
        {
            Console.Error.WriteLine("error: no private folder for the check server's socket (see GRADER_CHECK_SERVER_DIR)");
            return ExitCodes.UsageOrSpecError;
        }
        if (Answers(path))
        {
            // Another server for this build already runs.
            return ExitCodes.Ok;
        }
        if (Bubblewrap.Installed && !Bubblewrap.IsAvailable)
        {
            // bwrap is here but its probe failed (under load, say): serve nobody with a weaker sandbox for minutes;
            // each check then probes for itself.
            Note(path, $"not started: bubblewrap is installed but its probe failed ({Bubblewrap.Unusable})");
            return ExitCodes.Ok;
        }
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ExitCodes.Ok;
        }
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException)
        {
            // Lost a race with another server starting.
            return ExitCodes.Ok;
        }
        listener.Listen(16);
        var pools = new Dictionary<bool, WorkerPoolRunner>();
        WorkerPoolRunner Pool(bool bubblewrap)
        {
            if (!pools.TryGetValue(bubblewrap, out var pool))
            {
                pools[bubblewrap] = pool = new WorkerPoolRunner(bubblewrap);
            }
            return pool;
        }
        var log = path[..^".sock".Length] + ".log";
        var identity = Identity(path);
        try
        {
            Pool(true).Prewarm(ExecutionLimits.Default);
            var warm = Stopwatch.StartNew();
            WarmUp(Path.GetDirectoryName(path)!, Pool);
            File.AppendAllText(log, $"{DateTime.UtcNow:O} started (pid {Environment.ProcessId}), warm in {warm.Elapsed.TotalMilliseconds:0} ms\n");
            // Ends when idle, or when its socket was removed or taken over by another server.
            while (listener.Poll(idle, SelectMode.SelectRead) && Identity(path) == identity)
            {
                using var client = listener.Accept();
                var clock = Stopwatch.StartNew();
                int? code;
                try
                {
                    code = Answer(client, Pool);
                }
                catch (Exception ex)
                {
                    // Whatever one request does, the server stays for the next (that client grades on its own).
                    File.AppendAllText(log, $"{DateTime.UtcNow:O} request failed: {ex.GetType().Name}\n");
                    continue;
                }
                if (code is null)
                {
                    continue;
                }
                File.AppendAllText(log, $"{DateTime.UtcNow:O} exit {code} in {clock.Elapsed.TotalMilliseconds:0} ms\n");
                // A worker without bubblewrap is made only when asked for, and not kept.
                if (pools.Remove(false, out var plain))
                {
                    plain.Dispose();
                }
                try
                {
                    // The next student's worker, warm before they ask (a worker may have been recycled).
                    Pool(true).Prewarm(ExecutionLimits.Default);
                }
                catch (InvalidOperationException ex)
                {
                    // No worker would start: the next request tries again.
                    File.AppendAllText(log, $"{DateTime.UtcNow:O} no warm worker: {ex.Message}\n");
                }
            }
        }
        finally
        {
            foreach (var pool in pools.Values)
            {
                pool.Dispose();
            }
            if (identity is not null && Identity(path) == identity)
            {
                File.Delete(path);
            }
        }
        return ExitCodes.Ok;
    }

    /// <summary>A line in the server's log beside its socket (why it did not start, say); a log that cannot be written is skipped.</summary>
    private static void Note(string path, string line)
    {
        try
        {
            File.AppendAllText(path[..^".sock".Length] + ".log", $"{DateTime.UtcNow:O} {line} (pid {Environment.ProcessId})\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only the note is lost.
        }
    }

    private const string WarmSpec = """
        id: warm-up
        title: The check server's own warm-up
        given:
          x: [1, -2, 3]
          W: [[1, 2, 0], [0, 1, -1]]
          T: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]
        compute:
          L: sum(sigmoid(W @ x)^2)
        parts:
          - id: a
            answer: grad(L, W)
          - id: b
            implement: "double[] Twice(double[] x)"
            answer: 2 * x
            cases:
              - given
          - id: c
            implement: "double[,,] Half(double[,,] T)"
            answer: T / 2
            cases:
              - given
        """;

    // Wrong answers of 2 and 3 axes: feedback, the full index and a laid-out value are made once before any student.
    private const string WarmScript = """
        Answer("a", new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        double[] Twice(double[] x) => x.Select(v => 2 * v).ToArray();
        double[,,] Half(double[,,] t) => t;
        """;

    /// <summary>
    /// Grades a check of its own once, so that the first student's check finds the grader's code compiled (spec
    /// loading, the engine, comparison, diagnosis, reports) and not only the worker warm.
    /// </summary>
    private static void WarmUp(string folder, Func<bool, IExecutionRunner> pools)
    {
        var dir = Path.Combine(folder, $"warm-up-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "warm-up.yaml"), WarmSpec);
            File.WriteAllText(Path.Combine(dir, "warm-up.csx"), WarmScript);
            var (output, error) = (Console.Out, Console.Error);
            Console.SetOut(TextWriter.Null);
            Console.SetError(TextWriter.Null);
            try
            {
                App.Run(["check", Path.Combine(dir, "warm-up.yaml"), Path.Combine(dir, "warm-up.csx")], TextWriter.Null, TextWriter.Null, pools);
            }
            finally
            {
                Console.SetOut(output);
                Console.SetError(error);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only slower: the first check warms the grader instead.
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    /// <summary><paramref name="count"/> bytes, unless the peer is silent past two seconds from the deadline's start.</summary>
    private static byte[]? Receive(Socket socket, int count, Stopwatch deadline)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var left = TimeSpan.FromSeconds(2) - deadline.Elapsed;
            if (left <= TimeSpan.Zero || !socket.Poll(left, SelectMode.SelectRead))
            {
                return null;
            }
            var n = socket.Receive(buffer, read, count - read, SocketFlags.None);
            if (n == 0)
            {
                return null;
            }
            read += n;
        }
        return buffer;
    }

    /// <summary>
    /// The other end of a Unix socket runs as this process's user (SO_PEERCRED, from the kernel): a server or a
    /// client of another user's is never talked to, whoever made the folder or the socket.
    /// </summary>
    private static bool PeerIsMe(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            // struct ucred { pid_t pid; uid_t uid; gid_t gid; }; SOL_SOCKET = 1, SO_PEERCRED = 17.
            var credentials = new byte[12];
            return socket.GetRawSocketOption(1, 17, credentials) == 12
                && BitConverter.ToUInt32(credentials, 4).ToString(System.Globalization.CultureInfo.InvariantCulture) == UserId();
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Tells this server's socket file from one a later server made in its place (null: none there).</summary>
    private static string? Identity(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? $"{info.CreationTimeUtc.Ticks}:{info.LastWriteTimeUtc.Ticks}" : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>One request: the client's folder and command line in; exit code, output and error text out.</summary>
    private static int? Answer(Socket client, Func<bool, IExecutionRunner> pools)
    {
        if (!PeerIsMe(client))
        {
            return null;
        }
        client.SendTimeout = 60_000;
        using var stream = new NetworkStream(client, ownsSocket: false);
        string cwd;
        string[] args;
        try
        {
            // The whole request within two seconds: a silent or dripping client holds nobody up for longer.
            var deadline = Stopwatch.StartNew();
            var header = Receive(client, 4, deadline);
            var length = header is null ? -1 : BitConverter.ToInt32(header);
            if (length is < 0 or > MaxRequest || Receive(client, length, deadline) is not { } bytes)
            {
                return null;
            }
            using var body = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            cwd = body.ReadString();
            var count = body.ReadInt32();
            if (count is < 1 or > 1000)
            {
                return null;
            }
            args = new string[count];
            for (var i = 0; i < count; i++)
            {
                args[i] = body.ReadString();
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or SocketException or FormatException)
        {
            return null;
        }
        if (args[0] != "check" || !Directory.Exists(cwd))
        {
            return null;
        }
        var output = new StringWriter();
        var error = new StringWriter();
        var oldOut = Console.Out;
        var oldError = Console.Error;
        var oldCwd = Environment.CurrentDirectory;
        int code;
        try
        {
            // One request at a time: the console and the current folder are the process's own.
            Console.SetOut(output);
            Console.SetError(error);
            Environment.CurrentDirectory = cwd;
            code = App.Run(args, output, error, bubblewrap => pools(bubblewrap));
        }
        catch (Exception ex)
        {
            error.WriteLine($"internal error: the check server failed on this request: {ex.Message}");
            code = ExitCodes.UsageOrSpecError;
        }
        finally
        {
            Environment.CurrentDirectory = oldCwd;
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
        try
        {
            Framing.Write(stream, Encode(w =>
            {
                w.Write(code);
                w.Write(output.ToString());
                w.Write(error.ToString());
            }));
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            // The client went away; it grades on its own then.
        }
        return code;
    }
}
