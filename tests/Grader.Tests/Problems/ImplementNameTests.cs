using Grader.Problems.Yaml;
using Microsoft.CodeAnalysis.CSharp;

namespace Grader.Tests.Problems;

/// <summary>
/// An implement method's name can be defined by a submission and is told from the harness's members: every C#
/// keyword that Roslyn knows (contextual ones included) and every harness member is refused, any other name is not.
/// </summary>
public class ImplementNameTests
{
    private static string Spec(string signature, string given = "x") =>
        $"id: names\ngiven:\n  {given}: 1\nparts:\n  - id: p\n    implement: \"{signature}\"\n    answer: 2 * {given}\n";

    // Attribute targets ([method: ...]) are keywords only before a colon inside an attribute's brackets.
    private static readonly string[] AttributeTargets = ["assembly", "method", "module", "param", "property", "type", "typevar"];

    private static IEnumerable<string> RoslynKeywords() =>
        SyntaxFacts.GetKeywordKinds().Concat(SyntaxFacts.GetContextualKeywordKinds()).Select(SyntaxFacts.GetText)
            .Where(t => t.Length > 0 && (char.IsLetter(t[0]) || t[0] == '_')).Except(AttributeTargets).Distinct().Order(StringComparer.Ordinal);

    [Test]
    public void Load_EveryRoslynKeywordAsMethodName_Refused()
    {
        var keywords = RoslynKeywords().ToList();
        Assert.That(keywords, Does.Contain("class").And.Contain("await").And.Contain("nameof"), "Roslyn's lists are read");
        var accepted = keywords.Where(k => SpecLoader.Load("names.yaml", Spec($"double {k}(double x)")).IsValid).ToList();
        Assert.That(accepted, Is.Empty, "keywords a spec may name a method with");
        Assert.That(SpecLoader.Load("names.yaml", Spec("double class(double x)")).Errors.Select(e => e.Message),
            Is.EqualTo(new[] { "the method name `class` is a C# keyword: no submission can define a method so named" }));
    }

    [Test]
    public void Load_EveryRoslynKeywordAsParameterName_Refused()
    {
        // The given has the parameter's name, so that nothing but the keyword can be wrong.
        Assert.That(SpecLoader.Load("names.yaml", Spec("double F(double inp)", "inp")).IsValid, Is.True, "the spec is otherwise valid");
        var accepted = RoslynKeywords().Where(k => SpecLoader.Load("names.yaml", Spec($"double F(double {k})", k)).IsValid).ToList();
        Assert.That(accepted, Is.Empty);
    }

    [TestCase("Answer")]
    [TestCase("ToString")]
    [TestCase("GetType")]
    [TestCase("Equals")]
    public void Load_HarnessMemberAsMethodName_Refused(string name)
    {
        var errors = SpecLoader.Load("names.yaml", Spec($"double {name}(double x)")).Errors;
        Assert.That(errors.Select(e => e.Message), Is.EqualTo(new[] { $"the method name `{name}` is taken by the harness (every submission already has {name}): the student's method could not be told from it" }));
        Assert.That(errors[0].Hint, Does.Contain("not a keyword and not Answer"));
    }

    [TestCase("double Class(double x)")]
    [TestCase("double answer(double x)")]
    [TestCase("double _Grad2(double x)")]
    [TestCase("double method(double x)")]
    public void Load_OrdinaryNames_Accepted(string signature) =>
        Assert.That(SpecLoader.Load("names.yaml", Spec(signature)).IsValid, Is.True, signature);
}
