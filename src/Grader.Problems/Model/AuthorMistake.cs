using Grader.Problems.Expressions;

namespace Grader.Problems.Model;

/// <summary>
/// A mistake the author names for one part: what a student who makes it answers (an expression in the part's scope)
/// and the feedback. Its id in a report is <see cref="Id"/> when given, else <c>&lt;part&gt;/mistake-&lt;n&gt;</c>.
/// </summary>
public sealed record AuthorMistake(string Id, Expr Answer, string Feedback, SourceLocation Location);
