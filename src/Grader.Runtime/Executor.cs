using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;

namespace Grader.Runtime;

/// <summary>
/// Runs a compiled submission script in the current process: loads it into a collectible
/// <see cref="AssemblyLoadContext"/>, runs its top level (collecting <c>Answer</c> values), then calls the
/// methods of implement parts once per case, each on its own thread with a time limit.
/// A fault of the student's code is data in the <see cref="RunResult"/>, never an exception out of here.
/// </summary>
public static partial class Executor
{
    private const int StackSize = 8 * 1024 * 1024;

    // Only frames in the student's file: the executor's own frames carry line numbers too.
    [GeneratedRegex(@"\.csx:line (\d+)")]
    private static partial Regex LinePattern();

    public static RunResult Run(RunRequest request, TimeSpan topLevelTimeout)
    {
        var output = new CappedWriter(request.OutputLimit);
        var oldOut = Console.Out;
        var oldErr = Console.Error;
        var context = new AssemblyLoadContext("submission", isCollectible: true);
        try
        {
            Console.SetOut(output);
            Console.SetError(output);
            return RunLoaded(request, context, output, topLevelTimeout);
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            context.Unload();
        }
    }

    private static RunResult RunLoaded(RunRequest request, AssemblyLoadContext context, CappedWriter output, TimeSpan topLevelTimeout)
    {
        Assembly assembly;
        try
        {
            // With the symbols loaded beside it, an exception's stack trace names lines of the student's file.
            assembly = context.LoadFromStream(new MemoryStream(request.Assembly), request.Symbols is { } pdb ? new MemoryStream(pdb) : null);
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
        var top = Guarded(() =>
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
        var instance = state[1];

        var answers = new List<AnswerResult>();
        var delegates = new Dictionary<string, Delegate>(StringComparer.Ordinal);
        foreach (var (partId, value) in globals.Answers)
        {
            if (value is Delegate d)
            {
                delegates[partId] = d;
                answers.Add(new AnswerResult(partId, null, true, null));
                continue;
            }
            var dto = Guarded(() => ValueConverter.FromObject(value, out var error) is { } v ? (object)v : error!, TimeSpan.FromSeconds(5));
            answers.Add(dto.Result switch
            {
                ValueDto v => new AnswerResult(partId, v, false, null),
                string e => new AnswerResult(partId, null, false, e),
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
        foreach (var call in request.Calls)
        {
            if (stuck.Contains(call.PartId))
            {
                calls.Add(new CallResult(call.PartId, call.CaseIndex, null, "not run: an earlier case of this part timed out", true));
                continue;
            }
            var result = Call(type, instance, delegates, call, TimeSpan.FromMilliseconds(request.CaseTimeoutMs));
            if (result.TimedOut)
            {
                stuck.Add(call.PartId);
            }
            calls.Add(result);
        }
        return new RunResult(crash is null ? RunResult.Ok : RunResult.Crashed, crash, answers.ToArray(), calls.ToArray(), shown, truncated);
    }

    private static CallResult Call(Type type, object? instance, Dictionary<string, Delegate> delegates, CallRequest call, TimeSpan timeout)
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
                var error = candidates.Count == 0
                    ? $"no method {call.Method} found" + (nearMiss is null ? "" : $" (there is {nearMiss.Name}: names are case-sensitive)")
                    : $"{call.Method} takes ({string.Join(", ", candidates[0].GetParameters().Select(p => ValueConverter.FriendlyName(p.ParameterType)))}) but the problem asks for ({string.Join(", ", call.ParameterTypes)})";
                return new CallResult(call.PartId, call.CaseIndex, null, error, false);
            }
            invoke = args => method.Invoke(method.IsStatic ? null : instance, args);
        }
        var args = call.Arguments.Zip(call.ParameterTypes, ValueConverter.ToParameter).ToArray();
        var outcome = Guarded(() => invoke(args), timeout);
        if (outcome.TimedOut)
        {
            return new CallResult(call.PartId, call.CaseIndex, null, $"did not return within {timeout.TotalSeconds:0.##} s", true);
        }
        if (outcome.Error is not null)
        {
            return new CallResult(call.PartId, call.CaseIndex, null, outcome.Error, false) { ErrorKind = outcome.Kind };
        }
        var value = ValueConverter.FromObject(outcome.Result, out var convertError);
        return new CallResult(call.PartId, call.CaseIndex, value, convertError is null ? null : $"returned {convertError}", false);
    }

    /// <summary>Error is the full one-line message; Kind is the exception's type and line only (no text the student chose).</summary>
    private sealed record Outcome(object? Result, string? Error, bool TimedOut, string? Kind = null);

    /// <summary>Runs student code on a background thread with a time limit; an exception becomes a one-line message.</summary>
    private static Outcome Guarded(Func<object?> action, TimeSpan timeout)
    {
        Outcome? outcome = null;
        var thread = new Thread(() =>
        {
            try
            {
                outcome = new Outcome(action(), null, false);
            }
            catch (Exception ex)
            {
                var (message, kind) = Describe(ex);
                outcome = new Outcome(null, message, false, kind);
            }
        }, StackSize)
        { IsBackground = true, Name = "submission" };
        thread.Start();
        // A thread that does not finish is abandoned; the runner process that hosts it is ended after the run.
        return thread.Join(timeout) ? outcome! : new Outcome(null, null, true);
    }

    private static (string Message, string Kind) Describe(Exception ex)
    {
        while (ex is TargetInvocationException or AggregateException && ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }
        var line = ex.StackTrace is { } trace && LinePattern().Match(trace) is { Success: true } m ? $" (line {m.Groups[1].Value})" : "";
        return ($"{ex.GetType().Name}: {ex.Message}{line}", $"{ex.GetType().Name}{line}");
    }
}
