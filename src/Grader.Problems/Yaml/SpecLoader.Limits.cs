using System.Globalization;
using Grader.Problems.Expressions;

namespace Grader.Problems.Yaml;

public static partial class SpecLoader
{
    /// <summary>
    /// <c>limits: { case_work: 500000000, total_work: 2000000000, elements: 2000000 }</c>: what evaluating this spec may
    /// cost, each key optional, each a whole number from 1 to its ceiling (<see cref="EvalLimits.Ceiling"/>).
    /// </summary>
    internal static EvalLimits ReadLimits(LoadContext ctx, YamlNode? node)
    {
        var keys = EvalLimits.Kinds.Select(EvalLimits.Key).ToList();
        var m = ctx.Mapping(node, "limits", keys);
        var limits = EvalLimits.Default;
        if (m is null)
        {
            return limits;
        }
        foreach (var kind in EvalLimits.Kinds)
        {
            var key = EvalLimits.Key(kind);
            var hint = string.Create(CultureInfo.InvariantCulture,
                $"limits.{key} is a whole number from 1 to {EvalLimits.Ceiling[kind]:N0} (the default is {EvalLimits.Default[kind]:N0}), written without separators, e.g. {key}: {EvalLimits.Default[kind] * 2}");
            if (m.Integer(key, 1, EvalLimits.Ceiling[kind], hint) is { } value)
            {
                limits = limits.With(kind, value);
            }
        }
        return limits;
    }
}
