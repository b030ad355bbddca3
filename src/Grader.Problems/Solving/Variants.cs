using System.Security.Cryptography;
using System.Text;
using Grader.Engine;
using Grader.Problems.Feedback;
using Grader.Problems.Model;

namespace Grader.Problems.Solving;

/// <summary>
/// Per-student variants: every given written as a draw (<c>{ normal: [0, 0.1], shape: [3, 3], round: 2 }</c>) gets
/// the student's own numbers, from a seed made of the problem's id and the student's name, so the same student gets
/// the same numbers on any machine, and the references follow (they are computed from the variant).
/// </summary>
public static class Variants
{
    /// <summary>Names whose variants `validate` evaluates besides the one of no student.</summary>
    public static readonly IReadOnlyList<string> Samples = ["sample-1", "sample-2", "sample-3", "sample-4", "sample-5"];

    /// <summary>The seed of a student's variant: the first 8 bytes of SHA-256("grader-variant\n" + problem id + "\n" + student).</summary>
    public static ulong Seed(string problemId, string student) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"grader-variant\n{problemId}\n{student}")));

    /// <summary>
    /// The problem with each drawn given replaced by the student's value; a problem without draws is returned as it is.
    /// Draws are made in the order the givens are written, from one generator.
    /// </summary>
    public static Problem ForStudent(Problem p, string student)
    {
        if (!p.HasVariants)
        {
            return p;
        }
        var drawn = Draw(p.Id, student, p.Givens.Select(g => g.Draw));
        var givens = p.Givens.Select((g, i) => drawn[i] is { } value ? new Given(g.Name, value, null, g.Location) : g).ToList();
        return p with { Givens = givens, Student = student };
    }

    /// <summary>
    /// The student's own value of each draw (null where there is none), drawn in the order given from one generator:
    /// the kit's public file gives the same numbers as the instructor's spec.
    /// </summary>
    public static Tensor?[] Draw(string problemId, string student, IEnumerable<VariantDraw?> draws)
    {
        var random = new SeededRandom(Seed(problemId, student));
        return draws.Select(d => d is null ? null : Draw(d, random)).ToArray();
    }

    private static Tensor Draw(VariantDraw d, SeededRandom random)
    {
        var size = d.Shape.Aggregate(1, (a, b) => a * b);
        var data = new double[size];
        for (var i = 0; i < size; i++)
        {
            var x = d.Kind switch
            {
                "normal" => random.Normal(d.A, d.B),
                "randint" => Math.Floor(random.Uniform(d.A, d.B)),
                _ => random.Uniform(d.A, d.B),
            };
            data[i] = d.Round is { } r ? Math.Round(x, r, MidpointRounding.ToEven) : x;
        }
        return new Tensor(d.Shape, data);
    }
}
