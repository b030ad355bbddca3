using System.Runtime.ExceptionServices;
using Grader.Protocol;

namespace Grader.Runner;

/// <summary>
/// Watches every exception thrown in the worker's process, on any thread and whoever catches it (a submission's
/// <c>catch (Exception)</c>, or the framework's own, as <c>Array.Sort</c> wraps a comparer's): a
/// <see cref="TypeInitializationException"/> means a type of the runtime stays broken for the life of the process
/// (the runtime remembers a failed static constructor), and an <see cref="OutOfMemoryException"/> may have left
/// any state the runtime builds lazily half made. Either is a fault that ends the worker after the run, before
/// another student's code can meet it.
/// </summary>
public static class ProcessFaults
{
    private static string? _seen;

    /// <summary>The first fault seen since the process started watching, in the grader's words; null when none.</summary>
    public static string? Seen => Volatile.Read(ref _seen);

    /// <summary>Starts watching (once, before the warm-up: a fault of the warm-up itself ends the worker too).</summary>
    public static void Watch() => AppDomain.CurrentDomain.FirstChanceException += OnThrown;

    // Runs on the throwing thread for every exception: no allocation (the heap may be full), nothing that can throw.
    private static void OnThrown(object? sender, FirstChanceExceptionEventArgs e)
    {
        if (FaultOf(e.Exception) is { } fault)
        {
            Interlocked.CompareExchange(ref _seen, fault, null);
        }
    }

    /// <summary>The grader's words for an exception that leaves the process unusable for anyone else, or null.</summary>
    internal static string? FaultOf(Exception e) => e switch
    {
        TypeInitializationException => RunResult.TypeInitializerFailed,
        OutOfMemoryException => RunResult.HeapRanOut,
        _ => null,
    };
}
