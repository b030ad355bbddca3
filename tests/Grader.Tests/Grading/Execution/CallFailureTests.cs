using Grader.Grading.Execution;
using Grader.Protocol;

namespace Grader.Tests.Grading.Execution;

/// <summary>
/// A failed call's kind travels as data (<see cref="CallFailure"/>) from the worker to the grader, and one rule
/// (<see cref="CallResult.ForHiddenCase"/>) says what of it may be told after a hidden case: the grader applies it to
/// whatever a worker returns, whatever the worker's text says.
/// </summary>
public class CallFailureTests
{
    private static readonly CallRequest Hidden = new("p", 0, "F", ["double"], "double", [ValueDto.Scalar(1.2345)]) { Hidden = true };
    private static readonly CallRequest Shown = new("p", 1, "F", ["double"], "double", [ValueDto.Scalar(2)]);

    private static CallResult Bounded(CallResult reply, CallRequest asked)
    {
        var request = new RunRequest("", "s.csx", [asked], 1000, 1000);
        var run = new RunResult(RunResult.Ok, null, [], [reply with { CaseIndex = asked.CaseIndex }], "", false);
        return ReplyBounds.Run(run, request).Calls.Single();
    }

    [TestCase(CallFailure.Threw, "exception")]
    [TestCase(CallFailure.NotImplemented, "exception")]
    [TestCase(CallFailure.Ungradable, "returned a value that cannot be graded")]
    [TestCase((CallFailure)99, "exception")]
    public void HiddenCall_ItsTextNeverCrosses_WhateverItSays(CallFailure failure, string shown)
    {
        // A worker's text dressed as the grader's own words for a missing method still carries a secret.
        var forged = new CallResult("p", 0, null, "no method 1.2345 found", false) { Failure = failure };
        Assert.That(Bounded(forged, Hidden).Error, Is.EqualTo(shown));
        Assert.That(Bounded(forged, Shown).Error, Is.EqualTo("no method 1.2345 found"), "a visible case shows what it threw");
    }

    [Test]
    public void HiddenCall_MissingMethodOrSignature_AreToldAsTheyAre()
    {
        var missing = new CallResult("p", 0, null, "no method F found (there is f: names are case-sensitive)", false) { Failure = CallFailure.NoMethod, NearMiss = "f" };
        var bounded = Bounded(missing, Hidden);
        Assert.That((bounded.Failure, bounded.NearMissNote), Is.EqualTo((CallFailure.NoMethod, " (there is f: names are case-sensitive)")));
        var signature = new CallResult("p", 0, null, "F takes (int) but the problem asks for (double)", false) { Failure = CallFailure.WrongSignature };
        Assert.That(Bounded(signature, Hidden).Error, Is.EqualTo(signature.Error));
    }

    [Test]
    public void HiddenCall_TimedOut_IsTheGradersWords_AndAValueIsKept()
    {
        var slow = new CallResult("p", 0, null, "did not return within 2 s (z was 1.2345)", true) { Failure = CallFailure.TimedOut };
        Assert.That((Bounded(slow, Hidden).Error, Bounded(slow, Hidden).TimedOut), Is.EqualTo(("timed out", true)));
        var value = new CallResult("p", 0, ValueDto.Scalar(3), "noise", false) { Failure = CallFailure.Threw };
        var kept = Bounded(value, Hidden);
        Assert.That((kept.Value?.Data.Single(), kept.Error, kept.Failure), Is.EqualTo((3.0, (string?)null, CallFailure.None)));
    }

    [Test]
    public void NoValue_AndNoKind_IsAThrow()
    {
        var silent = new CallResult("p", 1, null, null, false);
        var bounded = Bounded(silent, Shown);
        Assert.That((bounded.Failure, bounded.Error), Is.EqualTo((CallFailure.Threw, "no value returned")));
    }
}
