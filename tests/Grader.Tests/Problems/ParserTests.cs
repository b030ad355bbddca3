using Grader.Problems;
using Grader.Problems.Expressions;

namespace Grader.Tests.Problems;

public class ParserTests
{
    private static readonly SourceLocation At = new("spec.yaml", 3, 10);

    private static double Eval(string text)
    {
        var scope = new Scope(new Dictionary<string, FunctionDef>());
        scope.Set("x", Grader.Engine.Tensor.Scalar(3));
        return Evaluator.Evaluate(Parser.Parse(text, At), scope).Value[0];
    }

    [TestCase("-x^2", -9)]
    [TestCase("2^-1", 0.5)]
    [TestCase("2^3^2", 512)]
    [TestCase("10 - 4 - 3", 3)]
    [TestCase("8 / 4 / 2", 1)]
    [TestCase("1 + 2 * 3", 7)]
    [TestCase("(1 + 2) * 3", 9)]
    [TestCase("x ** 2", 9)]
    [TestCase("1e-2 * 100", 1)]
    [TestCase("[1, 2] @ [3, 4]", 11)]
    [TestCase("max(x, 5) - min([4, 1, 7])", 4)]
    [TestCase("x <= 3", 1)]
    [TestCase("[[1, 2], [3, 4]][1][0]", 3)]
    public void Evaluate_Precedence(string text, double expected) =>
        Assert.That(Eval(text), Is.EqualTo(expected).Within(1e-12));

    [TestCase("1 +", 3, 13, "ends where a value was expected")]
    [TestCase("(1 + 2", 3, 16, "expected ')'")]
    [TestCase("1 2", 3, 12, "unexpected '2'")]
    [TestCase("sum(x,)", 3, 16, "unexpected ')'")]
    [TestCase("1 $ 2", 3, 12, "unexpected '$'")]
    public void Parse_SyntaxError_ReportsColumn(string text, int line, int column, string message)
    {
        var ex = Assert.Throws<ExprException>(() => Parser.Parse(text, At));
        Assert.That(ex!.Message, Does.Contain(message));
        Assert.That((ex.Location.Line, ex.Location.Column), Is.EqualTo((line, column)));
    }

    [Test]
    public void Parse_DottedNames_AreOneName()
    {
        var e = Parser.Parse("hidden.z + 1.5", At);
        Assert.That(e, Is.TypeOf<BinaryExpr>());
        Assert.That(((NameExpr)((BinaryExpr)e).Left).Name, Is.EqualTo("hidden.z"));
    }
}
