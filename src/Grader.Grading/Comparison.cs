namespace Grader.Grading;

/// <summary>Whether a value matched, and feedback a student can act on.</summary>
public sealed record Comparison(bool Passed, string Feedback);
