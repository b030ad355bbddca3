using Grader.Problems.Expressions;

namespace Grader.Problems.Model;

/// <summary>
/// A recurrence under <c>compute:</c>: state variables set at iterate 0 by <see cref="RecurrenceVariable.Init"/>, then
/// updated <see cref="Steps"/> times in the order written, each update from the iterate before (an RNN over time, the
/// steps of an optimizer). The loader unrolls it into ordinary steps, one per iterate (<c>h[t=3]</c>, see
/// <see cref="IterateName"/>), and one per state variable under its own name for the last iterate, so a part, a later
/// step, <c>grad</c> and error carried forward see every iterate as a step.
/// </summary>
public sealed record Recurrence(string Name, string Index, int Steps, IReadOnlyList<RecurrenceVariable> Variables, SourceLocation Location)
{
    /// <summary>The most steps a recurrence may run.</summary>
    public const int MaxSteps = 1000;

    /// <summary>The most iterates a recurrence may make (steps times state variables): each is a step of the spec.</summary>
    public const int MaxIterates = 20_000;

    /// <summary>The index when <c>index:</c> is left out.</summary>
    public const string DefaultIndex = "t";

    public RecurrenceVariable? Variable(string name) => Variables.FirstOrDefault(v => v.Name == name);
}

/// <summary>
/// A state variable of a recurrence, in the order of <c>update:</c>. Without an init it is a value computed afresh at
/// each step (a gradient, Adam's bias-corrected moment): its iterates start at 1.
/// </summary>
public sealed record RecurrenceVariable(string Name, Expr? Init, Expr Update, SourceLocation Location)
{
    /// <summary>Its first iterate: 0 (its init), or 1 when it has none.</summary>
    public int First => Init is null ? 1 : 0;
}

/// <summary>Which recurrence made a step: an iterate (<see cref="Iteration"/>), the last iterate under the variable's own name, or a stack of iterates.</summary>
public sealed record StepOrigin(string Recurrence, string Variable, int? Iteration, bool Stacked = false);
