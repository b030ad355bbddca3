namespace Grader.Grading.Reports;

/// <summary>One part's result. Never holds a hidden expected value or a hidden case's inputs.</summary>
public sealed record PartReport(string Id, double Score, double MaxScore, string Status, string Feedback)
{
    /// <summary>For implement parts: how many cases passed, of how many, and of those how many were hidden.</summary>
    public CaseCounts? Cases { get; init; }

    /// <summary>The id of the one known mistake that explains a wrong value (src/Grader.Problems/Feedback/README.md), else null.</summary>
    public string? Misconception { get; init; }

    /// <summary>
    /// The two known mistakes that together explain a wrong value, where no single one does and exactly one pair does
    /// (src/Grader.Problems/Feedback/README.md, "Two mistakes at once"); null otherwise. <see cref="Misconception"/> stays null then.
    /// </summary>
    public IReadOnlyList<string>? Misconceptions { get; init; }

    /// <summary>
    /// The id of the first earlier part whose wrong answer the value follows from: set when the part earned
    /// error-carried-forward credit, and when it follows with one mistake of its own (named in Misconception; no credit).
    /// </summary>
    public string? CarriedFrom { get; init; }

    /// <summary>
    /// Values of 3 or more axes, laid out for reading under the feedback (<see cref="Engine.ValueText.Layout"/>): the
    /// inputs of the first failing visible case, and the student's own wrong value. Never a hidden part's or case's,
    /// never an expected value; null when there is none (every value of rank 0 to 2 is in the feedback's line).
    /// </summary>
    public IReadOnlyList<ShownValue>? Values { get; init; }
}

/// <summary>A value a report lays out: what it is (<c>case 2, input x</c>, <c>your value</c>), its shape, and its layout's lines.</summary>
public sealed record ShownValue(string Label, IReadOnlyList<int> Shape, string Text)
{
    /// <summary>The label and the layout as plain lines, as the text, JUnit and Gradescope reports print them.</summary>
    public string Plain() => $"{Label}:\n{Text}";
}

public sealed record CaseCounts(int Passed, int Total, int HiddenPassed, int HiddenTotal);
