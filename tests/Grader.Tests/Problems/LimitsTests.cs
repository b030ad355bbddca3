using System.Diagnostics;
using Grader.Problems;
using Grader.Problems.Expressions;

namespace Grader.Tests.Problems;

/// <summary>The small pieces that keep a spec from crashing or exhausting the grader, one by one.</summary>
public class LimitsTests
{
    private static readonly SourceLocation At = new("t.yaml", 1, 1);

    [TestCase("2 \u2212 x", 2, "U+2212")]
    [TestCase("x \u2013 1", 2, "U+2013")]
    [TestCase("\u201Cx\u201D", 0, "typographic quote")]
    [TestCase("1,5", 1, "decimal comma")]
    [TestCase("3 \u00D7 x", 2, "multiplication")]
    [TestCase("x\u00A0+ 1", 1, "non-breaking")]
    public void LookAlike_KnownCharacter_GetsAHint(string text, int at, string hint) =>
        Assert.That(LookAlike.Hint(text, at), Does.Contain(hint));

    [TestCase("[1, 5]", 2)]
    [TestCase("x + 1", 2)]
    public void LookAlike_OrdinaryCharacter_GetsNone(string text, int at) => Assert.That(LookAlike.Hint(text, at), Is.Null);

    /// <summary>A stream that hands out one byte a call, so a buffer grown mid-read is exercised.</summary>
    private sealed class Trickle(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }

    [TestCase(0, 0, 100)]
    [TestCase(10, 10, 100)]
    [TestCase(3, 10, 100)]
    [TestCase(3, 100, 100)]
    [TestCase(0, 57, 100)]
    public void BoundedRead_ReadsEveryByte_EvenWhenTheFileGrewPastItsCheckedLength(int checkedLength, int actual, int limit)
    {
        var bytes = Enumerable.Range(0, actual).Select(i => (byte)(i * 7 + 1)).ToArray();
        var (buffer, count) = BoundedRead.Bytes(new Trickle(bytes), checkedLength, limit);
        Assert.That(buffer.AsSpan(0, count).ToArray(), Is.EqualTo(bytes));
    }

    [TestCase(100, 101, 100)]
    [TestCase(5, 5000, 100)]
    [TestCase(5000, 5000, 100)]
    public void BoundedRead_StopsOneBytePastTheLimit_AndAllocatesNoMore(int checkedLength, int actual, int limit)
    {
        var (buffer, count) = BoundedRead.Bytes(new Trickle(new byte[actual]), checkedLength, limit);
        Assert.That((count, buffer.Length), Is.EqualTo((limit + 1, limit + 1)));
    }

    [Test]
    public void BoundedRead_SizesItsBufferByTheCheckedLength_NotByTheLimit()
    {
        var (buffer, count) = BoundedRead.Bytes(new MemoryStream(new byte[700]), 700, 800_000);
        Assert.That((count, buffer.Length), Is.EqualTo((700, 701)));
    }

    [Test]
    public void Parse_DepthAtTheLimit_IsFine_OneMore_IsRefused()
    {
        Assert.That(() => Parser.Parse(new string('(', ExprLimits.MaxDepth - 1) + "x" + new string(')', ExprLimits.MaxDepth - 1), At), Throws.Nothing);
        Assert.That(() => Parser.Parse(new string('(', ExprLimits.MaxDepth + 1) + "x" + new string(')', ExprLimits.MaxDepth + 1), At),
            Throws.InstanceOf<ExprException>().With.Message.EqualTo(ExprLimits.TooDeep));
    }

    [Test]
    public void Parse_LongSumWrittenAsAList_IsFine()
    {
        var e = Parser.Parse("sum([" + string.Join(", ", Enumerable.Repeat("1", 10_000)) + "])", At);
        Assert.That(ExprLimits.Walk(e).Count(), Is.EqualTo(10_002));
    }

    [Test]
    public void Walk_VisitsParentsBeforeChildren_LeftToRight()
    {
        var e = Parser.Parse("a + b * c", At);
        Assert.That(ExprLimits.Walk(e).OfType<NameExpr>().Select(n => n.Name), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(ExprLimits.Walk(e).First(), Is.SameAs(e));
    }

    [Test]
    public void Suggest_LongNames_AreNotCompared()
    {
        var a = new string('a', 30_000);
        var clock = Stopwatch.StartNew();
        Assert.That(Suggest.Closest(a[..^1] + "b", [a]), Is.Null);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
        Assert.That(Suggest.Closest("sigmod", ["sigmoid", "relu"]), Is.EqualTo("sigmoid"), "short names still get a suggestion");
    }

    [Test]
    public void Budget_CaseLimit_AndTotalLimit_AreBothEnforced_EachNamedWithItsSetting()
    {
        var at = Parser.Parse("x", At);
        var limits = EvalLimits.Default;
        var total = new EvalBudget(limits);
        var first = total.ForCase();
        first.Charge(limits.CaseWork, at);
        Assert.That(() => first.Charge(1, at), Throws.InstanceOf<BudgetExceededException>()
            .With.Property(nameof(BudgetExceededException.Limit)).EqualTo(LimitKind.CaseWork)
            .And.Message.EqualTo("`x` needs more than 150,000,000 element operations in one case (limits.case_work)")
            .And.Property(nameof(BudgetExceededException.Hint)).EqualTo(
                "raise it up to 300,000,000 with limits: { case_work: 300000000 } at the top of the spec, or use smaller shapes or fewer cases"));
        for (var i = 0; i < limits.TotalWork / limits.CaseWork - 1; i++)
        {
            total.ForCase().Charge(limits.CaseWork, at);
        }
        Assert.That(() => total.ForCase().Charge(limits.TotalWork % limits.CaseWork + 1, at), Throws.InstanceOf<BudgetExceededException>()
            .With.Property(nameof(BudgetExceededException.Limit)).EqualTo(LimitKind.TotalWork)
            .And.Message.EqualTo("`x` needs more than 500,000,000 element operations in the whole spec, every part and case together (limits.total_work)"));
    }

    [Test]
    public void Budget_AtTheCeiling_SaysSo_AndSuggestsNoSetting()
    {
        var at = Parser.Parse("x", At);
        var budget = new EvalBudget(EvalLimits.Ceiling).ForCase();
        Assert.That(() => budget.CheckElements(EvalLimits.Ceiling.Elements + 1, at, "a result"), Throws.InstanceOf<BudgetExceededException>()
            .With.Message.EqualTo("`x` would make a result of 4,000,001 elements; a value may hold at most 4,000,000 (limits.elements)")
            .And.Property(nameof(BudgetExceededException.Hint)).EqualTo("this is its ceiling: use smaller shapes (the reference engine is for homework-sized data)"));
    }

    /// <summary>The ceilings are what protects the grader: each default lies under its ceiling, and the defaults admit an ordinary homework.</summary>
    [Test]
    public void Limits_DefaultsLieUnderTheirCeilings()
    {
        foreach (var kind in EvalLimits.Kinds)
        {
            Assert.That(EvalLimits.Default[kind], Is.LessThanOrEqualTo(EvalLimits.Ceiling[kind]), EvalLimits.Key(kind));
        }
        Assert.That(EvalLimits.Ceiling.CaseWork, Is.LessThanOrEqualTo(EvalLimits.Ceiling.TotalWork));
    }
}
