namespace Grader.Grading.Reports;

/// <summary>One part's result. Never holds a hidden expected value or a hidden case's inputs.</summary>
public sealed record PartReport(string Id, double Score, double MaxScore, string Status, string Feedback)
{
    /// <summary>For implement parts: how many cases passed, of how many, and of those how many were hidden.</summary>
    public CaseCounts? Cases { get; init; }

    /// <summary>The id of the one known mistake that explains a wrong value (README "Mistakes the grader names"), else null.</summary>
    public string? Misconception { get; init; }

    /// <summary>Set when the part earned error-carried-forward credit: the id of the first earlier part whose wrong answer it follows from.</summary>
    public string? CarriedFrom { get; init; }
}

public sealed record CaseCounts(int Passed, int Total, int HiddenPassed, int HiddenTotal);
