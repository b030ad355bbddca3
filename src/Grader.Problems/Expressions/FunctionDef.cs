namespace Grader.Problems.Expressions;

/// <summary>A user function from a spec's <c>functions:</c> block, e.g. <c>f(x, y): (2*x + 3*y)^2</c>.</summary>
public sealed record FunctionDef(string Name, IReadOnlyList<string> Parameters, Expr Body, SourceLocation Location);
