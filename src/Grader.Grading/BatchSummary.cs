namespace Grader.Grading;

/// <summary>What a batch run did.</summary>
public sealed record BatchSummary(int Students, int Problems, int Submissions, int Graded, int Resumed, double MeanScore, double MaxScore, IReadOnlyDictionary<string, int> ByStatus, TimeSpan Elapsed)
{
    /// <summary>The class-level files that could not be written, each with the reason; every other file was written.</summary>
    public IReadOnlyList<string> WriteFailures { get; init; } = [];
}
