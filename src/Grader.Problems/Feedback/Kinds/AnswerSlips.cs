using Grader.Engine;

namespace Grader.Problems.Feedback;

/// <summary>A square matrix answer transposed.</summary>
public sealed record Transposed : MistakeKind
{
    public override IEnumerable<Tensor?> Values(MistakeSite site)
    {
        var r = site.Reference;
        return r.Rank == 2 && r.Rows == r.Cols && r.Rows > 1
            ? [new Tensor([r.Rows, r.Cols], Enumerable.Range(0, r.Size).Select(k => r[k % r.Cols * r.Cols + k / r.Cols]).ToArray())]
            : [];
    }
}

/// <summary>The whole answer off by a power of ten (10^-3 to 10^3), or with <paramref name="OneValue"/> one element of it.</summary>
public sealed record PowerOfTen(bool OneValue) : MistakeKind
{
    /// <summary>Answers with more elements get no one-element slips (6 candidates per element).</summary>
    public const int MaxSlipElements = 100;

    private static readonly int[] Powers = [-3, -2, -1, 1, 2, 3];

    public override IEnumerable<Tensor?> Values(MistakeSite site)
    {
        var r = site.Reference;
        if (!OneValue)
        {
            foreach (var k in Powers)
            {
                yield return new Tensor(r.Shape.ToArray(), r.ToArray().Select(x => x * Math.Pow(10, k)).ToArray());
            }
            yield break;
        }
        if (r.Size is < 2 or > MaxSlipElements)
        {
            yield break;
        }
        for (var i = 0; i < r.Size; i++)
        {
            foreach (var k in Powers)
            {
                var data = r.ToArray();
                data[i] *= Math.Pow(10, k);
                yield return new Tensor(r.Shape.ToArray(), data);
            }
        }
    }
}
