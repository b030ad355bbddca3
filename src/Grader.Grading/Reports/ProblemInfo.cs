using Grader.Problems.Model;

namespace Grader.Grading.Reports;

/// <summary>
/// What the class-level outputs need of a problem: its id, points and parts (with which are hidden). A batch writes
/// these to <c>problems.json</c>, so that <c>merge</c> can rebuild the gradebook and class report from shard outputs.
/// </summary>
public sealed record ProblemInfo(string Id, double MaxScore, IReadOnlyList<PartInfo> Parts)
{
    public static ProblemInfo Of(Problem problem) =>
        new(problem.Id, problem.Points, problem.Parts.Select(p => new PartInfo(p.Id, p.Points, p.Hidden)
        {
            Visibility = p.Visibility,
            Mistakes = p.Mistakes.Count == 0 ? null : p.Mistakes.DistinctBy(m => m.Id).ToDictionary(m => m.Id, m => m.Feedback, StringComparer.Ordinal),
        }).ToList());
}

public sealed record PartInfo(string Id, double MaxScore, bool Hidden)
{
    /// <summary>The part's own Gradescope visibility (<c>visibility:</c> in the spec), beating the default for hidden parts.</summary>
    public string? Visibility { get; init; }

    /// <summary>The spec author's own mistakes for the part (<c>mistakes:</c>), id to sentence, for the class report; null when none.</summary>
    public IReadOnlyDictionary<string, string>? Mistakes { get; init; }
}
