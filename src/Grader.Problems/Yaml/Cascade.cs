using Grader.Problems.Expressions;
using Grader.Problems.Model;

namespace Grader.Problems.Yaml;

/// <summary>
/// Errors all at once, and none that only repeats another. A given, step or function whose definition fails to parse
/// is missing from the model, so every use of it would be reported again as an unknown name, with an unrelated
/// did-you-mean: only the definition's own error is kept (<see cref="RemoveRepeats"/>). And whatever has an error of
/// its own, or uses something that has, is left out of the evaluation, while everything independent of it is
/// still evaluated and its errors reported in the same pass (<see cref="Independent"/>).
/// </summary>
internal static class Cascade
{
    public static void RemoveRepeats(List<SpecError> errors, int from, IReadOnlySet<string> broken)
    {
        if (broken.Count == 0)
        {
            return;
        }
        var kept = errors.Skip(from).Where(e => !(IsAboutAName(e) && broken.Contains(e.Subject!))).ToList();
        errors.RemoveRange(from, errors.Count - from);
        errors.AddRange(kept);
    }

    private static bool IsAboutAName(SpecError e) =>
        e.Kind is SpecErrorKind.UnknownName or SpecErrorKind.UnknownFunction or SpecErrorKind.UnboundParameter && e.Subject is not null;

    /// <summary>
    /// The problem without the givens, steps and functions in <paramref name="broken"/> and the parts at the indices in
    /// <paramref name="brokenParts"/> (each had an error reported), nor anything that uses one of them, however
    /// indirectly: what is left can be evaluated, and every error it gives is an error of its own. Null when nothing is left.
    /// </summary>
    public static Problem? Independent(Problem p, IReadOnlySet<string> broken, IReadOnlySet<int> brokenParts)
    {
        if (broken.Count == 0 && brokenParts.Count == 0)
        {
            return p;
        }
        var bad = new HashSet<string>(broken, StringComparer.Ordinal);
        var badFunctions = p.Functions.Keys.Where(bad.Contains).ToHashSet(StringComparer.Ordinal);
        bool Uses(Expr e, IReadOnlyCollection<string> local) => ExprLimits.Walk(e).Any(n => n switch
        {
            NameExpr name => bad.Contains(name.Name) && !local.Contains(name.Name),
            CallExpr call => badFunctions.Contains(call.Name) && !ExprTree.MadeByGrader(call),
            _ => false,
        });
        // Functions see every given and step, and steps call functions: spread until nothing changes.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var g in p.Givens.Where(g => !bad.Contains(g.Name) && g.Expression is { } e && Uses(e, [])))
            {
                changed |= bad.Add(g.Name);
            }
            foreach (var f in p.Functions.Values.Where(f => !badFunctions.Contains(f.Name) && Uses(f.Body, f.Parameters)))
            {
                changed |= badFunctions.Add(f.Name);
            }
            foreach (var s in p.Steps.Where(s => !bad.Contains(s.Name) && Uses(s.Expression, [])))
            {
                changed |= bad.Add(s.Name);
            }
        }
        var parts = p.Parts.Where((part, i) => !brokenParts.Contains(i) && !PartUses(part, bad, Uses)).ToList();
        if (parts.Count == 0)
        {
            return null;
        }
        return p with
        {
            Givens = p.Givens.Where(g => !bad.Contains(g.Name)).ToList(),
            Steps = p.Steps.Where(s => !bad.Contains(s.Name)).ToList(),
            Functions = p.Functions.Where(f => !badFunctions.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal),
            Parts = parts,
        };
    }

    /// <summary>Whether a part reads or sets something left out: in any of its expressions, or by a name it binds.</summary>
    private static bool PartUses(Part part, HashSet<string> bad, Func<Expr, IReadOnlyCollection<string>, bool> uses)
    {
        var cases = part.Cases.SelectMany(c => c switch
        {
            RandomCases r => r.Generators,
            ValuesCase v => v.Values,
            _ => [],
        }).ToList();
        IEnumerable<Expr> expressions = [.. part.Require, .. part.Mistakes.Select(m => m.Answer), .. part.At.Select(a => a.Value), .. cases.Select(c => c.Value)];
        IEnumerable<string> bound = [.. part.At.Select(a => a.Key), .. part.Submit.Select(s => s.Key), .. cases.Select(c => c.Key),
            .. part.Implement?.Parameters.Select(x => x.Name) ?? []];
        return (part.Answer is { } answer && uses(answer, [])) || expressions.Any(e => uses(e, [])) || bound.Any(bad.Contains);
    }
}
