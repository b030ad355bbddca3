using Grader.Problems.Feedback;
namespace Grader.Problems.Solving;

/// <summary>Whether submitted values satisfy a property part, with one line per condition.</summary>
public sealed record PropertyResult(bool Holds, IReadOnlyList<string> Details);
