using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Grader.Protocol;

namespace Grader.Runtime;

/// <summary>
/// Runs a compiled submission script in the current process: loads it into a collectible
/// <see cref="AssemblyLoadContext"/>, runs its top level (collecting <c>Answer</c> values), then calls the
/// methods of implement parts once per case, each on its own thread with a time limit.
/// A fault of the student's code is data in the <see cref="RunResult"/>, never an exception out of here.
/// Visible cases run before hidden ones; from the first hidden call on, what comes back is only what the grader
/// decides (a value, "exception", a time-out): no type name, message, line or output of the submission's.
/// </summary>
public static class Executor
{
    private const int StackSize = 8 * 1024 * 1024;

    /// <param name="context">The unloaded load context, so that the caller can prove it was collected.</param>
    public static RunResult Run(byte[] assembly, byte[]? symbols, RunRequest request, TimeSpan topLevelTimeout, out WeakReference context)
    {
        var output = new CappedWriter(request.OutputLimit);
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        var alc = new AssemblyLoadContext("submission", isCollectible: true);
        context = new WeakReference(alc, trackResurrection: true);
        var thread = new SubmissionThread();
        try
        {
            Console.SetOut(output);
            Console.SetError(output);
            return RunLoaded(assembly, symbols, request, alc, output, topLevelTimeout, thread);
        }
        finally
        {
            // Its thread ends before the load context goes, so nothing of the submission's stays reachable from it.
            thread.Dispose();
            // What a thread left behind prints into nothing from now on.
            output.Recording = false;
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            alc.Unload();
        }
    }

    private static RunResult RunLoaded(byte[] bytes, byte[]? symbols, RunRequest request, AssemblyLoadContext context, CappedWriter output, TimeSpan topLevelTimeout, SubmissionThread thread)
    {
        Assembly assembly;
        try
        {
            // With the symbols loaded beside it, an exception's stack trace names lines of the student's file.
            assembly = context.LoadFromStream(new MemoryStream(bytes), symbols is { } pdb ? new MemoryStream(pdb) : null);
        }
        catch (BadImageFormatException ex)
        {
            return RunResult.Failed(RunResult.Crashed, $"the compiled script could not be loaded: {ex.Message}");
        }
        // The script class (Submission#0) is found by its factory method rather than by name.
        var factory = assembly.GetTypes()
            .Select(t => t.GetMethod("<Factory>", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .FirstOrDefault(m => m is not null);
        var type = factory?.DeclaringType;
        if (type is null || factory is null)
        {
            return RunResult.Failed(RunResult.Crashed, "the compiled script has no entry point");
        }
        var globals = new SubmissionGlobals();
        var state = new object?[2];
        state[0] = globals;
        var top = thread.Guarded(() =>
        {
            var task = (Task<object>)factory.Invoke(null, [state])!;
            return task.GetAwaiter().GetResult();
        }, topLevelTimeout);
        if (top.TimedOut)
        {
            return RunResult.Failed(RunResult.Timeout, $"the script's top level did not finish within {topLevelTimeout.TotalSeconds:0.#} s", output.ToString());
        }
        // After an exception at the top level, what was answered before it is still graded (status crashed).
        var crash = top.Error is null ? null : $"the script threw {top.Error}; the answers given before it were graded";
        var answerCount = globals.Answers.Count;
        var instance = state[1];

        var answers = new List<AnswerResult>();
        var delegates = new Dictionary<string, Delegate>(StringComparer.Ordinal);
        foreach (var (rawId, value) in globals.Answers.Take(ProtocolLimits.MaxAnswers))
        {
            var partId = ProtocolLimits.Cut(rawId, ProtocolLimits.MaxPartId);
            if (value is Delegate d)
            {
                delegates[partId] = d;
                answers.Add(new AnswerResult(partId, null, true, null));
                continue;
            }
            var dto = thread.Guarded(() => Convert(value, request.MaxValueElements, out var error) is { } v ? (object)v : error!, TimeSpan.FromSeconds(5));
            answers.Add(dto.Result switch
            {
                ValueDto v => new AnswerResult(partId, v, false, null),
                string e => new AnswerResult(partId, null, false, ProtocolLimits.Cut(e, ProtocolLimits.MaxMessage)),
                _ => new AnswerResult(partId, null, false, dto.Error ?? "the value could not be read"),
            });
        }

        // The report shows what the top level printed, taken now: output during calls, or later from a thread
        // abandoned after a time-out, is dropped, so that hidden cases' inputs cannot come back through a print.
        var shown = output.ToString();
        var truncated = output.Truncated;
        output.Recording = false;
        var calls = new List<CallResult>();
        var stuck = new HashSet<string>(StringComparer.Ordinal);
        var hiddenStarted = false;
        // Visible cases first (in the order given), then hidden ones: what a visible case shows can then never
        // have been computed from a hidden case's inputs.
        foreach (var call in request.Calls.Where(c => !c.Hidden).Concat(request.Calls.Where(c => c.Hidden)))
        {
            hiddenStarted |= call.Hidden;
            if (stuck.Contains(call.PartId))
            {
                calls.Add(new CallResult(call.PartId, call.CaseIndex, null, "not run: an earlier case of this part timed out", true) { Failure = CallFailure.TimedOut });
                continue;
            }
            var result = Call(type, instance, delegates, call, TimeSpan.FromMilliseconds(request.CaseTimeoutMs), request.MaxValueElements, thread);
            if (result.TimedOut)
            {
                stuck.Add(call.PartId);
            }
            calls.Add(hiddenStarted ? result.ForHiddenCase() : result);
        }
        return new RunResult(crash is null ? RunResult.Ok : RunResult.Crashed, crash, answers.ToArray(), calls.ToArray(), shown, truncated)
        {
            DroppedAnswers = Math.Max(0, answerCount - ProtocolLimits.MaxAnswers),
        };
    }

    /// <summary>A value as data, or why not; a value larger than any answer of the problem is refused, not carried.</summary>
    private static ValueDto? Convert(object? value, int maxElements, out string? error)
    {
        // Counted before anything is copied: a huge array is refused, not converted.
        var count = ValueConverter.Count(value);
        if (count > maxElements)
        {
            error = $"a value of {count} numbers (no answer of this problem has more than {maxElements})";
            return null;
        }
        var v = ValueConverter.FromObject(value, out error);
        if (v is not null && v.Data.Length > maxElements)
        {
            error = $"a value of {v.Data.Length} numbers (no answer of this problem has more than {maxElements})";
            return null;
        }
        return v;
    }

    private static CallResult Call(Type type, object? instance, Dictionary<string, Delegate> delegates, CallRequest call, TimeSpan timeout, int maxElements, SubmissionThread thread)
    {
        Func<object?[], object?> invoke;
        if (delegates.TryGetValue(call.PartId, out var d))
        {
            invoke = d.DynamicInvoke;
        }
        else
        {
            var wanted = call.ParameterTypes.Select(ValueConverter.ClrType).ToArray();
            var candidates = type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(m => m.Name == call.Method).ToList();
            var method = candidates.FirstOrDefault(m => m.GetParameters().Select(p => p.ParameterType).SequenceEqual(wanted));
            if (method is null)
            {
                var nearMiss = type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                    .FirstOrDefault(m => string.Equals(m.Name, call.Method, StringComparison.OrdinalIgnoreCase) && m.Name != call.Method);
                if (candidates.Count == 0)
                {
                    var missing = new CallResult(call.PartId, call.CaseIndex, null, null, false) { Failure = CallFailure.NoMethod, NearMiss = nearMiss?.Name };
                    return missing with { Error = $"no method {call.Method} found{missing.NearMissNote}" };
                }
                var error = $"{call.Method} takes ({string.Join(", ", candidates[0].GetParameters().Select(p => ValueConverter.FriendlyName(p.ParameterType)))}) but the problem asks for ({string.Join(", ", call.ParameterTypes)})";
                return new CallResult(call.PartId, call.CaseIndex, null, error, false) { Failure = CallFailure.WrongSignature };
            }
            invoke = args => method.Invoke(method.IsStatic ? null : instance, args);
        }
        var args = call.Arguments.Zip(call.ParameterTypes, ValueConverter.ToParameter).ToArray();
        var outcome = thread.Guarded(() => invoke(args), timeout);
        if (outcome.TimedOut)
        {
            return new CallResult(call.PartId, call.CaseIndex, null, $"did not return within {timeout.TotalSeconds:0.##} s", true) { Failure = CallFailure.TimedOut };
        }
        if (outcome.Error is not null)
        {
            var threw = new CallResult(call.PartId, call.CaseIndex, null, outcome.Error, false) { Failure = outcome.NotImplemented ? CallFailure.NotImplemented : CallFailure.Threw };
            return call.Hidden ? threw.ForHiddenCase() : threw;
        }
        var value = Convert(outcome.Result, maxElements, out var convertError);
        return new CallResult(call.PartId, call.CaseIndex, value, convertError is null ? null : $"returned {convertError}", false)
        {
            Failure = convertError is null ? CallFailure.None : CallFailure.Ungradable,
        };
    }

    /// <summary>Error is a one-line description of an exception: type, message (bounded) and the student's line.</summary>
    private sealed record Outcome(object? Result, string? Error, bool TimedOut, bool NotImplemented = false);

    /// <summary>
    /// The thread one submission's code runs on: the top level, every value's conversion and every call, one after
    /// another, each with a time limit, an exception becoming a one-line message. Starting a thread with a large
    /// stack costs about half a millisecond here, once per run instead of once per call. A call that does not finish
    /// in time leaves its thread behind (abandoned; the runner process that hosts it is ended after the run) and the
    /// next call gets a new one. Disposing ends the thread and waits for it, so the run leaves no thread of its own.
    /// </summary>
    private sealed class SubmissionThread : IDisposable
    {
        private Worker? _worker;

        public Outcome Guarded(Func<object?> action, TimeSpan timeout)
        {
            var worker = _worker ??= new Worker();
            if (worker.Run(action, timeout) is { } outcome)
            {
                return outcome;
            }
            // It ends by itself if the call ever returns; the runner process that hosts it is ended after the run.
            worker.Stop(wait: false);
            _worker = null;
            return new Outcome(null, null, true);
        }

        public void Dispose()
        {
            _worker?.Stop(wait: true);
            _worker = null;
        }

        /// <summary>A thread and its two signals: work given, work done. An abandoned worker keeps its own signals.</summary>
        private sealed class Worker
        {
            private readonly SemaphoreSlim _go = new(0);
            private readonly SemaphoreSlim _done = new(0);
            private readonly Thread _thread;
            private Func<object?>? _action;
            private Outcome? _outcome;

            public Worker()
            {
                _thread = new Thread(Loop, StackSize) { IsBackground = true, Name = "submission" };
                _thread.Start();
            }

            /// <summary>The outcome, or null when the action did not finish within <paramref name="timeout"/>.</summary>
            public Outcome? Run(Func<object?> action, TimeSpan timeout)
            {
                _action = action;
                _go.Release();
                return _done.Wait(timeout) ? _outcome : null;
            }

            /// <summary>Ends the thread once its current action, if any, returns: no action given means stop.</summary>
            public void Stop(bool wait)
            {
                _action = null;
                _go.Release();
                if (wait)
                {
                    _thread.Join(TimeSpan.FromSeconds(5));
                }
            }

            private void Loop()
            {
                while (true)
                {
                    _go.Wait();
                    if (_action is not { } action)
                    {
                        return;
                    }
                    _action = null;
                    try
                    {
                        _outcome = new Outcome(action(), null, false);
                    }
                    catch (Exception ex)
                    {
                        // Described here, on the submission's thread and within its time limit: reading a message runs
                        // whatever code the exception carries.
                        var thrown = Unwrapped(ex);
                        _outcome = new Outcome(null, Describe(thrown), false, thrown is NotImplementedException);
                    }
                    _done.Release();
                }
            }
        }
    }

    private static Exception Unwrapped(Exception ex)
    {
        while (ex is TargetInvocationException or AggregateException && ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }
        return ex;
    }

    private static string Describe(Exception ex)
    {
        // The line comes from the frames the runtime recorded, never from the overridable StackTrace property;
        // only frames in the student's file count (the executor's own frames carry line numbers too).
        var frame = new StackTrace(ex, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetFileName()?.EndsWith(".csx", StringComparison.Ordinal) == true && f.GetFileLineNumber() > 0);
        var line = frame is null ? "" : $" (line {frame.GetFileLineNumber()})";
        return $"{ex.GetType().Name}: {ProtocolLimits.Cut(ex.Message, ProtocolLimits.MaxMessage)}{line}";
    }
}
