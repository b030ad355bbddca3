namespace Grader.Grading;

/// <summary>What a batch run did.</summary>
public sealed record BatchSummary(int Students, int Problems, int Submissions, int Graded, int Resumed, double MeanScore, double MaxScore, IReadOnlyDictionary<string, int> ByStatus, TimeSpan Elapsed);
