namespace Grader.Grading;

/// <summary>One submission done in a batch: how many of how many, and its one-line result (already escaped for a terminal).</summary>
public sealed record BatchProgress(int Done, int Total, string Line, bool Resumed);
