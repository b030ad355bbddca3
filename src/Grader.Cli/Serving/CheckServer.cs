using System.CommandLine;
using System.Diagnostics;
using System.Net.Sockets;
using Grader.Grading.Execution;
using Grader.Protocol;

namespace Grader.Cli.Serving;

/// <summary>
/// The warm check server: a student's repeated <c>check</c> is answered in a fraction of a second by a grader
/// process that is already running, with a sandboxed worker that has already warmed its compiler. It is trusted
/// side only: it reads the spec and the submission afresh for every request, grades exactly as a plain
/// <c>check</c> does (the same verb, given a <see cref="CliContext"/> of the client's folder and writers of its
/// own), and runs the submission in a worker of the same pool a batch uses (bubblewrap, limits, and a proof of
/// cleanliness after every submission, or a fresh worker). Its socket and who may use it: <see cref="SocketSecurity"/>;
/// the client's side: <see cref="CheckClient"/>. It ends after <see cref="DefaultIdle"/> without a request.
/// <c>GRADER_CHECK_SERVER=0</c> turns all of this off; in CI (<c>CI</c> or <c>GITHUB_ACTIONS</c> set) it is off too.
/// </summary>
public static class CheckServer
{
    public const string Verb = "check-server";
    public const string Switch = "GRADER_CHECK_SERVER";
    public const string FolderVariable = SocketSecurity.FolderVariable;
    public const string IdleVariable = "GRADER_CHECK_SERVER_IDLE";
    public static readonly TimeSpan DefaultIdle = TimeSpan.FromMinutes(15);

    /// <summary>The hidden verb that runs the server in the foreground (the client starts it in the background).</summary>
    public static Command Command(CliContext ctx)
    {
        var idle = new Option<int>("--idle")
        {
            Description = "seconds without a request after which the server ends",
            DefaultValueFactory = _ => IdleSeconds(),
        };
        var command = new Command(Verb, "The warm server a repeated check reuses (started by check on its own; src/Grader.Cli/README.md).")
        {
            idle,
        };
        command.Hidden = true;
        command.SetAction(r => Serve(ctx, TimeSpan.FromSeconds(Math.Max(1, r.GetValue(idle)))));
        return command;
    }

    private static int IdleSeconds() =>
        int.TryParse(Environment.GetEnvironmentVariable(IdleVariable), out var s) && s > 0 ? s : (int)DefaultIdle.TotalSeconds;

    private static int Serve(CliContext ctx, TimeSpan idle)
    {
        if (SocketSecurity.SocketPath() is not { } path)
        {
            ctx.Error.WriteLine($"error: no private folder for the check server's socket (see {FolderVariable})");
            return ExitCodes.UsageOrSpecError;
        }
        if (SocketSecurity.Answers(path))
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
        var identity = SocketSecurity.Identity(path);
        try
        {
            Pool(true).Prewarm(ExecutionLimits.Default);
            var warm = Stopwatch.StartNew();
            ServerWarmUp.Run(Path.GetDirectoryName(path)!, Pool);
            Note(path, $"started (pid {Environment.ProcessId}), warm in {warm.Elapsed.TotalMilliseconds:0} ms", withPid: false);
            // Ends when idle, or when its socket was removed or taken over by another server.
            while (listener.Poll(idle, SelectMode.SelectRead) && SocketSecurity.Identity(path) == identity)
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
                    Note(path, $"request failed: {ex.GetType().Name}", withPid: false);
                    continue;
                }
                if (code is null)
                {
                    continue;
                }
                Note(path, $"exit {code} in {clock.Elapsed.TotalMilliseconds:0} ms", withPid: false);
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
                    Note(path, $"no warm worker: {ex.Message}", withPid: false);
                }
            }
        }
        finally
        {
            foreach (var pool in pools.Values)
            {
                pool.Dispose();
            }
            if (identity is not null && SocketSecurity.Identity(path) == identity)
            {
                File.Delete(path);
            }
        }
        return ExitCodes.Ok;
    }

    /// <summary>A line in the server's log beside its socket; a log that cannot be written is skipped.</summary>
    private static void Note(string path, string line, bool withPid = true)
    {
        try
        {
            File.AppendAllText(SocketSecurity.LogOf(path), $"{DateTime.UtcNow:O} {line}{(withPid ? $" (pid {Environment.ProcessId})" : "")}\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only the note is lost.
        }
    }

    /// <summary>
    /// One request: the client's folder and command line in (all of it within two seconds: a silent or dripping
    /// client holds nobody up for longer); exit code, output and error text out. The verb runs with a context of
    /// the client's folder and writers of this request's own: nothing of the process is swapped.
    /// </summary>
    private static int? Answer(Socket client, Func<bool, IExecutionRunner> pools)
    {
        if (!SocketSecurity.PeerIsMe(client))
        {
            return null;
        }
        client.SendTimeout = 60_000;
        CheckRequest? request;
        try
        {
            using var incoming = new DeadlineStream(client, TimeSpan.FromSeconds(2));
            request = Framing.Read(incoming, CheckRequest.MaxBytes) is { } bytes ? CheckRequest.Decode(bytes) : null;
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException)
        {
            return null;
        }
        if (request is null || request.Args[0] != "check" || !Path.IsPathRooted(request.Folder) || !Directory.Exists(request.Folder))
        {
            return null;
        }
        var output = new StringWriter();
        var error = new StringWriter();
        int code;
        try
        {
            code = App.Run(request.Args, new CliContext(output, error, request.Folder, pools));
        }
        catch (Exception ex)
        {
            error.WriteLine($"internal error: the check server failed on this request: {ex.Message}");
            code = ExitCodes.UsageOrSpecError;
        }
        try
        {
            using var stream = new NetworkStream(client, ownsSocket: false);
            Framing.Write(stream, new CheckReply(code, output.ToString(), error.ToString()).Encode());
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            // The client went away; it grades on its own then.
        }
        return code;
    }
}
