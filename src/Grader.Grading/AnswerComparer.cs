using Grader.Engine;
using Grader.Problems.Model;
using Grader.Protocol;

namespace Grader.Grading;

/// <summary>
/// Compares a student's value with the engine's under a tolerance and the shape rules of FORMAT.md:
/// a scalar may be a 1-element vector, an n-vector an n x 1 or 1 x n matrix, and the other way round; a value of
/// 3 or more axes has exactly the expected shape (never flattened, reshaped, or with an axis of length 1 dropped).
/// When the expected value may be shown, feedback names the worst element; which mistake explains a wrong value
/// is found by <see cref="Problems.Feedback.Diagnosis"/>.
/// </summary>
public static class AnswerComparer
{
    /// <param name="bounds">With <c>subgradient: any</c>, the range each element may also lie in (within the tolerance).</param>
    public static Comparison Compare(Tensor expected, ValueDto got, Tolerance tolerance, bool reveal, Problems.Feedback.SubgradientBounds? bounds = null)
    {
        var gotShape = got.Shape;
        var expShape = expected.Shape.ToArray();
        if (!ShapesFit(expShape, gotShape, expected.Size, got.Data.Length))
        {
            return new Comparison(false, $"expected shape {Tensor.FormatShape(expShape)}, got {Tensor.FormatShape(gotShape)}" + ShapeHint(expShape, gotShape));
        }
        var bad = 0;
        var worst = -1;
        var worstRatio = 0.0;
        double maxError = 0;
        var otherSubgradient = 0;
        for (var i = 0; i < expected.Size; i++)
        {
            var e = expected[i];
            var g = got.Data[i];
            if (bounds is not null && !tolerance.Accepts(g, e)
                && (bounds.Contains(i, g) || tolerance.Accepts(g, bounds.Lower[i]) || tolerance.Accepts(g, bounds.Upper[i])))
            {
                otherSubgradient++;
                continue;
            }
            var err = Math.Abs(g - e);
            maxError = Math.Max(maxError, double.IsNaN(err) ? double.PositiveInfinity : err);
            if (!tolerance.Accepts(g, e))
            {
                bad++;
                var ratio = double.IsFinite(err) ? err / Math.Max(tolerance.Allowed(e), 1e-300) : double.PositiveInfinity;
                if (worst < 0 || ratio > worstRatio)
                {
                    worst = i;
                    worstRatio = ratio;
                }
            }
        }
        if (bad == 0)
        {
            var kinks = otherSubgradient == 0 ? "" : $"; {otherSubgradient} value(s) taken as another subgradient at a kink";
            return new Comparison(true, $"correct (largest error {Short(maxError)}; tolerance {tolerance}{kinks})");
        }
        var where = expected.Size == 1 ? "" : $" at {Index(expShape, worst)}";
        var count = expected.Size == 1 ? "the value is off" : $"{bad} of {expected.Size} values are off";
        // NaN and infinity never pass (unless the reference is the same non-finite value): say which one it was.
        var nonFinite = Enumerable.Range(0, expected.Size).Where(i => !double.IsFinite(got.Data[i]) && !got.Data[i].Equals(expected[i])).ToList();
        if (nonFinite.Count > 0)
        {
            var first = nonFinite[0];
            var which = expected.Size == 1 ? "the value" : $"{nonFinite.Count} of {expected.Size} values, first at {Index(expShape, first)},";
            return new Comparison(false, $"{which} {(expected.Size == 1 ? "is" : "are")} not finite ({Tensor.FormatNumber(got.Data[first])}): a NaN or infinite value never earns credit");
        }
        if (!reveal)
        {
            return new Comparison(false, $"{count} (tolerance {tolerance})");
        }
        var e0 = expected[worst];
        var g0 = got.Data[worst];
        var feedback = $"{count}; {(expected.Size == 1 ? "" : $"worst{where}: ")}got {Tensor.FormatNumber(g0)}, expected {Tensor.FormatNumber(e0)} "
            + $"(error {Short(Math.Abs(g0 - e0))} > allowed {Short(tolerance.Allowed(e0))})";
        // Why it is off is for the mistake diagnosis (Diagnosis), which re-evaluates the spec: no guess from ratios here.
        return new Comparison(false, feedback);
    }

    /// <summary>What a student can do about a value of the wrong shape.</summary>
    private static string ShapeHint(int[] expected, int[] got)
    {
        if (expected.Length == 2 && got.Length == 2 && expected[0] == got[1] && expected[1] == got[0])
        {
            return " (transposed? rows and columns are swapped)";
        }
        if (expected.Length == 2)
        {
            return " (a matrix is rows of the outer index: row i = output or sample i)";
        }
        if (expected.Length < 3)
        {
            return "";
        }
        // A value of 3 or more axes is given with all of them: no flattening, reshaping or dropping of axes of length 1.
        var swapped = got.Length == expected.Length && got.AsSpan(0, got.Length - 2).SequenceEqual(expected.AsSpan(0, expected.Length - 2))
            && got[^1] == expected[^2] && got[^2] == expected[^1];
        var types = $"a {Problems.Model.MethodSignature.TypeOfRank(expected.Length)} or {Problems.Model.MethodSignature.JaggedTypeOfRank(expected.Length)}";
        return swapped ? " (the last two axes swapped? each block [..., i, j] is rows i, columns j)"
            : $" (a value with {expected.Length} axes is given with all {expected.Length}: {types} shaped {Tensor.FormatShape(expected)}"
                + (got.Aggregate(1L, (a, d) => a * d) == expected.Aggregate(1L, (a, d) => a * d) ? ", not flattened or reshaped" : "") + ")";
    }

    /// <summary>Three significant figures: enough to see how far off a value is.</summary>
    private static string Short(double x) => double.IsFinite(x) ? x.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) : Tensor.FormatNumber(x);

    /// <summary>Whether a value of shape <paramref name="got"/> is graded against one of shape <paramref name="expected"/> (FORMAT.md's shape rules).</summary>
    public static bool ShapesFit(int[] expected, int[] got, int expSize, int gotSize)
    {
        if (expected.SequenceEqual(got))
        {
            return true;
        }
        if (expSize != gotSize)
        {
            return false;
        }
        static bool VectorLike(int[] s) => s.Length <= 1 || (s.Length == 2 && (s[0] == 1 || s[1] == 1));
        // A scalar and a 1-element vector; an n-vector and an n x 1 or 1 x n matrix (not n x 1 against 1 x n).
        return (expected.Length <= 1 || got.Length <= 1) && VectorLike(expected) && VectorLike(got);
    }

    private static string Index(int[] shape, int flat) => ValueText.Index(shape, flat);
}
