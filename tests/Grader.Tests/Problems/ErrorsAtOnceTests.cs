using Grader.Problems;
using Grader.Problems.Expressions;
using Grader.Problems.Yaml;

namespace Grader.Tests.Problems;

/// <summary>
/// Errors all at once and precise: an unknown name no longer hides the other errors (only what depends on it is left
/// out), a did-you-mean offers a name of the same kind and only a close one, and a YAML mistake is named as what it is.
/// </summary>
public class ErrorsAtOnceTests
{
    private static List<string> Errors(string yaml) => SpecLoader.Load("t.yaml", yaml).Errors.Select(e => e.ToString()).ToList();

    // Close: at most one edit in three characters (a swap of neighbours is one), case ignored.
    [TestCase("sigmod", "sigmoid,sum", "sigmoid")]
    [TestCase("softmx", "softmax,log_softmax", "softmax")]
    [TestCase("titel", "title,tolerance", "title")]
    [TestCase("tnah", "tanh,exp", "tanh")]
    [TestCase("X", "x,y", "x")]
    [TestCase("W1", "W2,b1", "W2")]
    [TestCase("xx", "x,y", "x")]
    [TestCase("mx", "max,min", "max")]
    [TestCase("lgo", "log,exp", "log")]
    [TestCase("rel", "relu,elu", "relu")]
    [TestCase("case_wrok", "case_work,total_work,elements", "case_work")]
    // Names of four characters or fewer must also start alike: another first letter makes another word.
    [TestCase("sin", "min,max,sum", null)]
    [TestCase("sin", "sign,min", "sign")]
    [TestCase("cos", "abs,exp,log", null)]
    [TestCase("gelu", "relu,elu", null)]
    [TestCase("q", "W,x", null)]
    [TestCase("y", "x", null)]
    [TestCase("x1", "y1", null)]
    // Not close: more than one edit in three characters.
    [TestCase("sigma", "sigmoid", null)]
    [TestCase("abcdefgh", "xyzdefgh", null)]
    [TestCase("mean", "max", null)]
    public void Suggest_OnlyACloseName(string name, string candidates, string? expected) =>
        Assert.That(Suggest.Closest(name, candidates.Split(',')), Is.EqualTo(expected));

    [Test]
    public void Suggest_CountsASwapOfNeighboursAsOneEdit()
    {
        Assert.That(Suggest.Distance("title", "titel"), Is.EqualTo(1));
        Assert.That(Suggest.Distance("sin", "min"), Is.EqualTo(1));
        Assert.That(Suggest.Distance("abc", "cab"), Is.EqualTo(2));
    }

    [Test]
    public void AnUnknownFunction_IsOfferedFunctionsOnly_AndAValueCalled_IsSaidToBeAValue()
    {
        const string spec = """
            id: t
            given:
              x: [1, 2]
              exps: [3, 4]
              W: [[1, 0], [0, 1]]
            parts:
              - id: a
                answer: expx(x)
              - id: b
                answer: W(x)
              - id: c
                answer: lin(x)
            """;
        Assert.That(Errors(spec), Is.EqualTo(new[]
        {
            "t.yaml:8:13: error: unknown function `expx`\n    hint: did you mean `exp`?",
            "t.yaml:10:13: error: unknown function `W`\n    hint: `W` is a value, not a function: for a product write W * (...) or W @ (...)",
            $"t.yaml:12:13: error: unknown function `lin`\n    hint: built-in functions: {string.Join(", ", Builtins.Names)}; or define it under functions:",
        }));
    }

    [Test]
    public void AnUnknownName_IsOfferedValuesOnly_AndAFunctionUsedAsAValue_IsSaidToBeAFunction()
    {
        const string spec = """
            id: t
            given:
              sigmoid2: 3
            functions:
              g(z): 2 * z
            parts:
              - id: a
                answer: sigmoid1 + 1
              - id: b
                answer: sigmoid + 1
              - id: c
                answer: g + 1
            """;
        Assert.That(Errors(spec), Is.EqualTo(new[]
        {
            "t.yaml:8:13: error: unknown name `sigmoid1`\n    hint: did you mean `sigmoid2`?",
            "t.yaml:10:13: error: unknown name `sigmoid`\n    hint: `sigmoid` is a function: call it, as sigmoid(x), or define a value of that name under given: or compute:",
            "t.yaml:12:13: error: unknown name `g`\n    hint: `g` is a function of the spec: call it, as g(x), or define a value of that name under given: or compute:",
        }));
    }

    /// <summary>
    /// Once, an unknown name stopped the loader before it evaluated anything: the shape error of B came only after xx
    /// was fixed. Now both come at once, and C (which uses A) and the part that answers C stay silent.
    /// </summary>
    [Test]
    public void AnUnknownName_DoesNotHideAShapeError_NorReportsWhatDependsOnIt()
    {
        const string spec = """
            id: t
            given:
              x: [1, 2, 3]
              W: [[1, 2], [3, 4]]
            compute:
              A: xx + 1
              B: W @ x
              C: A @ W
            parts:
              - id: uses-a
                answer: C
              - id: uses-b
                answer: B
              - id: own
                answer: sum(x) @ W
            """;
        Assert.That(Errors(spec).Select(e => e.Split('\n')[0]), Is.EqualTo(new[]
        {
            "t.yaml:6:6: error: unknown name `xx`",
            "t.yaml:7:6: error: W @ x: [2, 2] @ [3]: inner dimensions 2 and 3 differ",
            "t.yaml:15:13: error: sum(x) @ W: [] @ [2, 2]: @ needs vectors, matrices or batches of them (use * for a scalar)",
        }));
    }

    [Test]
    public void AFunctionWithAnError_LeavesOutWhatCallsIt_EvenWhereABuiltInHasItsName()
    {
        const string spec = """
            id: t
            given:
              x: [1, 2]
            functions:
              softmax(z): z + nope
            compute:
              S: softmax(x) @ [[1, 2, 3]]
            parts:
              - id: p
                answer: S
              - id: q
                answer: x @ [1, 2, 3]
            """;
        Assert.That(Errors(spec).Select(e => e.Split('\n')[0]), Is.EqualTo(new[]
        {
            "t.yaml:5:19: error: unknown name `nope`",
            "t.yaml:12:13: error: x @ [1, 2, 3]: [2] @ [3]: inner dimensions 2 and 3 differ",
        }));
    }

    [Test]
    public void AnUnknownNameError_CarriesItsKindAndName_ForCodeThatActsOnIt()
    {
        var error = SpecLoader.Load("t.yaml", "id: t\ngiven: { x: 1 }\nparts:\n  - id: p\n    answer: y + f(x)\n").Errors;
        Assert.That(error.Select(e => (e.Kind, e.Subject)), Is.EqualTo(new[]
        {
            (SpecErrorKind.UnknownName, "y"),
            (SpecErrorKind.UnknownFunction, "f"),
        }));
    }

    [Test]
    public void AnExpressionStartingWithAList_IsNamedAsSuch_AndTheOtherErrorsStillCome()
    {
        const string spec = """
            id: t
            given:
              a: 1
              b: 2
            compute:
              W: [[a, b], [b, a]] * 2
              v: [a, b] @ W  # row times matrix
            parts:
              - id: p
                answer: sum(W) + sum(v) + q
            """;
        Assert.That(Errors(spec), Is.EqualTo(new[]
        {
            "t.yaml:6:6: error: `[[a, b], [b, a]] * 2` starts with a list, so YAML reads `[[a, b], [b, a]]` as one and cannot read `* 2` after it\n"
            + "    hint: quote the whole expression: \"[[a, b], [b, a]] * 2\"",
            "t.yaml:7:6: error: `[a, b] @ W` starts with a list, so YAML reads `[a, b]` as one and cannot read `@ W` after it\n"
            + "    hint: quote the whole expression: \"[a, b] @ W\"",
            "t.yaml:10:31: error: unknown name `q`\n    hint: define it under given: or compute: (or as a function parameter)",
        }));
    }

    [Test]
    public void AMatrixOfExpressionsWithProducts_IsFine_AndAnEntryStartingWithAStar_IsNamedAsAProductMeant()
    {
        Assert.That(Errors("id: t\ngiven:\n  a: 1\n  W: [[a*2, a], [a, a * 2]]\nparts:\n  - id: p\n    answer: W\n"), Is.Empty);
        Assert.That(Errors("id: t\ngiven:\n  a: 1\n  W: [[2, *a], [a, 1]]\nparts:\n  - id: p\n    answer: W\n"), Is.EqualTo(new[]
        {
            "t.yaml:4:11: error: `*a` reads as a YAML alias (a reference to an anchor `&a`), which specs do not use: a value or a list entry cannot start with `*`\n"
            + "    hint: for a product write both factors (2 * a), and quote an expression that starts with a list: \"[2 * a, 1]\"",
        }));
    }

    [Test]
    public void AQuotedExpressionStartingWithAList_AndAListFollowedByAComment_AreFine() =>
        Assert.That(Errors("id: t\ngiven:\n  a: 1\ncompute:\n  v: \"[a, 2] * 3\"\n  w: [a, 2] # a list\nparts:\n  - id: p\n    answer: v + w\n"), Is.Empty);
}
