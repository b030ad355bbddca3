using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Grader.Scripting;

/// <summary>
/// Where the compiler may leave out code the source names, without the warning (CS0162) it gives for an unreachable
/// statement: the dead side of a condition it can compute (<c>false ? X : 0</c>, <c>false &amp;&amp; X</c>,
/// <c>"x" ?? X</c>, a constant <c>switch</c>'s other arms, a <c>when (false)</c>), and a call to a partial method
/// without a body (its arguments with it). What is left out leaves no reference in the compiled code, so the fast path
/// of the policy cannot see it; a source with any such place goes to the whole check. A scan of the syntax, no
/// binding, and conservative: a condition is taken as possibly constant whenever its shape allows it (literals,
/// <c>const</c> names, a type's members such as <c>Math.PI</c>, operators on them); the price of a wrong guess is
/// only the whole check's time.
/// </summary>
internal static class FoldedCode
{
    /// <summary>True when the compiler may have left out code of <paramref name="root"/> without a warning.</summary>
    public static bool MayLeaveOut(SyntaxNode root)
    {
        var shape = new Shapes(root);
        foreach (var node in root.DescendantNodes())
        {
            var folds = node switch
            {
                MethodDeclarationSyntax m => m.Modifiers.Any(SyntaxKind.PartialKeyword),
                ConditionalExpressionSyntax c => shape.MayBeConstant(c.Condition),
                BinaryExpressionSyntax b when b.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.CoalesceExpression => shape.MayBeConstant(b.Left),
                ConditionalAccessExpressionSyntax a => shape.MayBeConstant(a.Expression),
                SwitchExpressionSyntax s => shape.MayBeConstant(s.GoverningExpression),
                SwitchStatementSyntax s => shape.MayBeConstant(s.Expression),
                WhenClauseSyntax w => shape.MayBeConstant(w.Condition),
                CatchFilterClauseSyntax f => shape.MayBeConstant(f.FilterExpression),
                IfStatementSyntax i => shape.MayBeConstant(i.Condition),
                WhileStatementSyntax w => shape.MayBeConstant(w.Condition),
                DoStatementSyntax d => shape.MayBeConstant(d.Condition),
                ForStatementSyntax f => f.Condition is { } condition && shape.MayBeConstant(condition),
                _ => false,
            };
            if (folds)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>What the source declares that can make a name a constant.</summary>
    private sealed class Shapes
    {
        private readonly HashSet<string> _constants = new(StringComparer.Ordinal);
        private readonly HashSet<string> _types = new(StringComparer.Ordinal);

        /// <summary>
        /// A <c>using static</c>, an alias or a base type brings names into scope that the source does not declare (an
        /// inherited constant, <c>PI</c>): then every name may be a constant.
        /// </summary>
        private readonly bool _anyName;

        public Shapes(SyntaxNode root)
        {
            foreach (var node in root.DescendantNodes())
            {
                switch (node)
                {
                    case LocalDeclarationStatementSyntax l when l.IsConst:
                        _constants.UnionWith(l.Declaration.Variables.Select(v => v.Identifier.ValueText));
                        break;
                    case FieldDeclarationSyntax f when f.Modifiers.Any(SyntaxKind.ConstKeyword):
                        _constants.UnionWith(f.Declaration.Variables.Select(v => v.Identifier.ValueText));
                        break;
                    case EnumMemberDeclarationSyntax e:
                        _constants.Add(e.Identifier.ValueText);
                        break;
                    case BaseTypeDeclarationSyntax t:
                        _types.Add(t.Identifier.ValueText);
                        _anyName |= t.BaseList is not null;
                        break;
                    case DelegateDeclarationSyntax d:
                        _types.Add(d.Identifier.ValueText);
                        break;
                    case UsingDirectiveSyntax u when u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) || u.Alias is not null:
                        _anyName = true;
                        break;
                }
            }
        }

        /// <summary>Whether an expression of this shape can be a constant (or an always-true or always-false test).</summary>
        public bool MayBeConstant(ExpressionSyntax e) => e switch
        {
            LiteralExpressionSyntax or DefaultExpressionSyntax or SizeOfExpressionSyntax => true,
            // A type test the compiler can decide from the static type alone (x is int of an int) folds too.
            IsPatternExpressionSyntax => true,
            BinaryExpressionSyntax b when b.Kind() is SyntaxKind.IsExpression or SyntaxKind.AsExpression => true,
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } => true,
            ParenthesizedExpressionSyntax p => MayBeConstant(p.Expression),
            CastExpressionSyntax c => MayBeConstant(c.Expression),
            CheckedExpressionSyntax c => MayBeConstant(c.Expression),
            PrefixUnaryExpressionSyntax u => MayBeConstant(u.Operand),
            PostfixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.SuppressNullableWarningExpression) => MayBeConstant(u.Operand),
            BinaryExpressionSyntax b => MayBeConstant(b.Left) && MayBeConstant(b.Right),
            ConditionalExpressionSyntax c => MayBeConstant(c.Condition) && MayBeConstant(c.WhenTrue) && MayBeConstant(c.WhenFalse),
            InterpolatedStringExpressionSyntax s => s.Contents.OfType<InterpolationSyntax>().All(i => MayBeConstant(i.Expression)),
            IdentifierNameSyntax n => _anyName || _constants.Contains(n.Identifier.ValueText),
            MemberAccessExpressionSyntax m when m.IsKind(SyntaxKind.SimpleMemberAccessExpression) =>
                _anyName || _constants.Contains(m.Name.Identifier.ValueText) || MayNameAType(m.Expression),
            _ => false,
        };

        /// <summary>
        /// Whether the left of <c>A.B</c> may be a type (whose constant B is): a predefined type, or a chain of names
        /// that does not start with a variable's name. A name starting with a lower-case letter is taken as a variable
        /// unless the source declares a type of that name (the framework's types and namespaces start with a capital).
        /// </summary>
        private bool MayNameAType(ExpressionSyntax e) => e switch
        {
            PredefinedTypeSyntax or AliasQualifiedNameSyntax or QualifiedNameSyntax or GenericNameSyntax => true,
            IdentifierNameSyntax n => !StartsLikeAVariable(n.Identifier.ValueText) || _types.Contains(n.Identifier.ValueText),
            MemberAccessExpressionSyntax m when m.IsKind(SyntaxKind.SimpleMemberAccessExpression) => MayNameAType(m.Expression),
            _ => false,
        };

        private static bool StartsLikeAVariable(string name) => name.Length > 0 && (char.IsLower(name[0]) || name[0] == '_');
    }
}
