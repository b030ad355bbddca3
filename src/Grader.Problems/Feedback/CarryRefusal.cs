using Grader.Problems.Solving;

namespace Grader.Problems.Feedback;

/// <summary>Why a value that is right for the student's own earlier answers earns no carried credit (<see cref="CarriedForward.Refusal"/>).</summary>
public enum CarryRefusal
{
    /// <summary>The reference computed from their values hardly depends on them (a saturated sigmoid or tanh, a ReLU that is off).</summary>
    Insensitive,

    /// <summary>The reference computed from their values is zero throughout, and the right one is not.</summary>
    Zero,
}
