using Grader.Engine;
using Grader.Problems.Model;
using Grader.Problems.Solving;

namespace Grader.Problems.Feedback;

/// <summary>
/// A kind of mistake: how, from the spec and the right answer, the values a student who makes it would answer are
/// computed. A new kind is one class deriving from this (in Kinds/), and a new mistake one entry of
/// <see cref="Mistakes.All"/>.
/// </summary>
public abstract record MistakeKind
{
    /// <summary>The values this mistake gives for the part (none where it does not apply; null for one that failed).</summary>
    public abstract IEnumerable<Tensor?> Values(MistakeSite site);
}

/// <summary>Where a mistake is tried: a part of a problem, its right answer, and for an implement part a case's inputs.</summary>
public sealed record MistakeSite(Problem Problem, Part Part, Tensor Reference, IReadOnlyList<KeyValuePair<string, Tensor>>? Inputs)
{
    /// <summary>A mistake already made here, beside the one being tried (for a pair of mistakes); null: none.</summary>
    public MistakeRule? Rule { get; init; }

    /// <summary>
    /// The part's answer (or <paramref name="answer"/>) evaluated in <paramref name="problem"/> and <paramref name="part"/>
    /// (this site's by default) with the ops making <paramref name="mistake"/>.
    /// </summary>
    public Tensor Evaluate(Expressions.Expr? answer = null, MistakeRule? mistake = null, Problem? problem = null, Part? part = null) =>
        ReferenceSolver.EvaluatePart(problem ?? Problem, part ?? Part, answer, Inputs, mistake: BothRules.Of(Rule, mistake));

    /// <summary>
    /// Runs <paramref name="evaluate"/>, giving null when the mistake cannot be made here (shapes no longer fit, a
    /// singular matrix): whatever goes wrong while guessing a cause must never cost a student their grade.
    /// </summary>
    public static Tensor? Guarded(Func<Tensor> evaluate)
    {
        try
        {
            return evaluate();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }
}

/// <summary>A known mistake: an id a report carries, the sentence a student reads, and the kind that makes it.</summary>
public sealed record Mistake(string Id, string Sentence, MistakeKind Kind);
