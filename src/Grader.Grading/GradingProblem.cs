using System.Collections.Concurrent;
using Grader.Engine;
using Grader.Problems.Feedback;
using Grader.Problems.Model;
using Grader.Problems.Solving;
using Grader.Protocol;

namespace Grader.Grading;

/// <summary>A problem solved once, ready to grade any number of submissions: its answers and the calls to make.</summary>
public sealed class GradingProblem
{
    private readonly Problem _template;
    private readonly ConcurrentDictionary<string, GradingProblem> _variants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, int), IReadOnlyList<MistakeCandidate>> _candidates = new();

    /// <param name="student">For a problem with per-student givens, whose variant to grade (null: the variant of no student).</param>
    public GradingProblem(Problem problem, string? student = null)
    {
        _template = problem;
        problem = Variants.ForStudent(problem, student ?? "");
        Problem = problem;
        Solutions = ReferenceSolver.Solve(problem);
        Calls = Solutions.Where(s => s.Part.Kind == PartKind.Implement).SelectMany(s => s.Cases.Select(c => new CallRequest(
            s.Part.Id, c.Index, s.Part.Implement!.Name,
            s.Part.Implement.Parameters.Select(p => p.Type).ToArray(),
            s.Part.Implement.ReturnType,
            c.Inputs.Select(kv => ToDto(kv.Value)).ToArray())
        { Hidden = c.Hidden || s.Part.Hidden })).ToList();
        var largest = Solutions.SelectMany(s => s.Cases.Select(c => c.Expected.Size).Append(s.Expected?.Size ?? 0)
            .Concat(s.Part.Submit.Select(kv => kv.Value.Aggregate(1, (a, d) => a * d)))).DefaultIfEmpty(0).Max();
        // Room for a transposed or flattened answer, and for property parts' submitted values; never less than 10,000.
        MaxValueElements = Math.Max(10_000, 4 * largest);
    }

    /// <summary>The problem as <paramref name="student"/> has it: this one unless some given is drawn per student.</summary>
    public GradingProblem For(string student) =>
        !_template.HasVariants || Problem.Student == student ? this : _variants.GetOrAdd(student, s => new GradingProblem(_template, s));

    /// <summary>What each known mistake gives for a value part (computed once, on first need).</summary>
    public IReadOnlyList<MistakeCandidate> Candidates(PartSolution s) =>
        _candidates.GetOrAdd((s.Part.Id, -1), _ => Diagnosis.Candidates(Problem, s.Part, s.Expected!, s.Tolerance));

    /// <summary>What each pair of known mistakes gives for a value part (computed once, on first need: only for a value no single mistake explains).</summary>
    public IReadOnlyList<PairCandidate> Pairs(PartSolution s) =>
        _pairs.GetOrAdd(s.Part.Id, _ => Diagnosis.Pairs(Problem, s.Part, s.Expected!, s.Tolerance, Candidates(s)));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<PairCandidate>> _pairs = new(StringComparer.Ordinal);

    /// <summary>What each known mistake gives for one case of an implement part.</summary>
    public IReadOnlyList<MistakeCandidate> Candidates(PartSolution s, ReferenceCase c) =>
        _candidates.GetOrAdd((s.Part.Id, c.Index), _ => Diagnosis.Candidates(Problem, s.Part, c.Expected, c.Tolerance, c.Inputs));

    /// <summary>The most numbers an answer to this problem may hold; a larger one is refused inside the worker.</summary>
    public int MaxValueElements { get; }

    public Problem Problem { get; }
    public IReadOnlyList<PartSolution> Solutions { get; }

    /// <summary>Inputs only: expected values stay here.</summary>
    public IReadOnlyList<CallRequest> Calls { get; }

    public static ValueDto ToDto(Tensor t) => new([.. t.Shape], t.ToArray());
}
