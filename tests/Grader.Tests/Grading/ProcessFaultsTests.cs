using Grader.Protocol;
using Grader.Runner;
using Grader.Scripting;

namespace Grader.Tests.Grading;

/// <summary>
/// What a worker treats as a fault of its whole process, and what it initializes before any student. The attacks
/// themselves run through real workers in IsolationTests and HostileSubmissionsTests.
/// </summary>
public class ProcessFaultsTests
{
    [Test]
    public void FaultOf_FailedInitializerOrExhaustedHeap_IsAFault_OtherExceptionsAreNot()
    {
        Assert.That(ProcessFaults.FaultOf(new TypeInitializationException("System.Collections.Generic.Comparer`1", new OutOfMemoryException())), Is.EqualTo(RunResult.TypeInitializerFailed));
        Assert.That(ProcessFaults.FaultOf(new OutOfMemoryException()), Is.EqualTo(RunResult.HeapRanOut));
        Assert.That(ProcessFaults.FaultOf(new InsufficientMemoryException()), Is.EqualTo(RunResult.HeapRanOut));
        Assert.That(ProcessFaults.FaultOf(new InvalidOperationException("IComparer.Compare() method threw an exception.")), Is.Null);
        Assert.That(ProcessFaults.FaultOf(new ArgumentException("x")), Is.Null);
    }

    [Test]
    public void Faulted_IsTheTypedFlag_NotTheWordsOfAMessage()
    {
        var ok = new RunResult(RunResult.Ok, null, [], [new CallResult("p", 0, null, "OutOfMemoryException: a student's own words", false)], "", false);

        Assert.That(ok.Faulted, Is.False, "a message is the student's text");
        Assert.That((ok with { Fault = RunResult.TypeInitializerFailed }).Faulted, Is.True);
        Assert.That((ok with { Fault = RunResult.HeapRanOut }).Faulted, Is.True);
    }

    [Test]
    public void AllowedSurface_HoldsTheComparersAndLinq_NotThePooledHandler()
    {
        var names = AllowedSurface.Types().Select(t => t.FullName).ToHashSet();

        Assert.That(names, Does.Contain("System.Collections.Generic.Comparer`1").And.Contain("System.Collections.Generic.EqualityComparer`1")
            .And.Contain("System.Linq.Enumerable").And.Contain("System.Random").And.Contain("System.String"));
        Assert.That(names, Does.Not.Contain("System.Runtime.CompilerServices.DefaultInterpolatedStringHandler").And.Not.Contain("System.Buffers.ArrayPool`1"));
    }

    [Test]
    public void WarmUp_RunsTheStaticConstructorsOfTheAllowedSurface_WithoutAFault()
    {
        Assert.That(RuntimeWarmUp.Run(), Is.GreaterThan(500), "every allowed type, and the generic ones closed over a submission's value types");
    }
}
