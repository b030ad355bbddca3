using Grader.Engine;
using Grader.Problems.Expressions;

namespace Grader.Problems.Model;

/// <summary>A named input value: a literal from the YAML, or an expression (which may draw random values).</summary>
public sealed record Given(string Name, Tensor? Literal, Expr? Expression, SourceLocation Location);
