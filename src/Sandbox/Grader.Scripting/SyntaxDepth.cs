using Grader.Protocol;
using Microsoft.CodeAnalysis;

namespace Grader.Scripting;

/// <summary>
/// The deepest nesting of the parsed syntax tree, measured without recursion. Deep trees are what overflow the
/// compiler's stack (40,000 unary minus signs, nested ternaries or generics: nothing a bracket count sees) and
/// what make a per-node semantic query cost the depth: bounding the depth keeps the policy linear in the size.
/// </summary>
public static class SyntaxDepth
{
    public const int MaxDepth = 250;

    public static SubmissionDiagnostic? Check(SyntaxTree tree, string file)
    {
        var stack = new Stack<(SyntaxNode Node, int Depth)>();
        stack.Push((tree.GetRoot(), 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > MaxDepth)
            {
                var at = node.GetLocation().GetLineSpan().StartLinePosition;
                return new SubmissionDiagnostic(file, at.Line + 1, at.Character + 1, "GR0003",
                    $"the code nests more than {MaxDepth} levels deep here (a very long chain of operators, or deeply nested expressions or types); split it into smaller statements");
            }
            foreach (var child in node.ChildNodes())
            {
                stack.Push((child, depth + 1));
            }
        }
        return null;
    }
}
