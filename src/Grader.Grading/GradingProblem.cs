using Grader.Engine;
using Grader.Problems.Model;
using Grader.Problems.Solving;
using Grader.Runtime;

namespace Grader.Grading;

/// <summary>A problem solved once, ready to grade any number of submissions: its answers and the calls to make.</summary>
public sealed class GradingProblem
{
    public GradingProblem(Problem problem)
    {
        Problem = problem;
        Solutions = ReferenceSolver.Solve(problem);
        Calls = Solutions.Where(s => s.Part.Kind == PartKind.Implement).SelectMany(s => s.Cases.Select(c => new CallRequest(
            s.Part.Id, c.Index, s.Part.Implement!.Name,
            s.Part.Implement.Parameters.Select(p => p.Type).ToArray(),
            s.Part.Implement.ReturnType,
            c.Inputs.Select(kv => ToDto(kv.Value)).ToArray()))).ToList();
    }

    public Problem Problem { get; }
    public IReadOnlyList<PartSolution> Solutions { get; }

    /// <summary>Inputs only: expected values stay here.</summary>
    public IReadOnlyList<CallRequest> Calls { get; }

    public static ValueDto ToDto(Tensor t) => new([.. t.Shape], t.ToArray());
}
