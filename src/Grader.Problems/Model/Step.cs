using Grader.Problems.Expressions;

namespace Grader.Problems.Model;

/// <summary>A named computation step; steps run in order and may use givens and earlier steps.</summary>
public sealed record Step(string Name, Expr Expression, SourceLocation Location);
