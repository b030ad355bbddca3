using Grader.Grading.Execution;

namespace Grader.Cli.Serving;

/// <summary>
/// Grades a check of its own once, before any student, so that the first student's check finds the grader's code
/// compiled (spec loading, the engine, comparison, diagnosis, the layout of values, reports) and not only the
/// worker warm.
/// </summary>
internal static class ServerWarmUp
{
    private const string Spec = """
        id: warm-up
        title: The check server's own warm-up
        given:
          x: [1, -2, 3]
          W: [[1, 2, 0], [0, 1, -1]]
          T: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]
        compute:
          L: sum(sigmoid(W @ x)^2)
        parts:
          - id: a
            answer: grad(L, W)
          - id: b
            implement: "double[] Twice(double[] x)"
            answer: 2 * x
            cases:
              - given
          - id: c
            implement: "double[,,] Half(double[,,] T)"
            answer: T / 2
            cases:
              - given
        """;

    // Wrong answers of 2 and 3 axes: feedback, the full index and a laid-out value are made once before any student.
    private const string Script = """
        Answer("a", new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        double[] Twice(double[] x) => x.Select(v => 2 * v).ToArray();
        double[,,] Half(double[,,] t) => t;
        """;

    public static void Run(string folder, Func<bool, IExecutionRunner> pools)
    {
        var dir = Path.Combine(folder, $"warm-up-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "warm-up.yaml"), Spec);
            File.WriteAllText(Path.Combine(dir, "warm-up.csx"), Script);
            App.Run(["check", "warm-up.yaml", "warm-up.csx"], new CliContext(TextWriter.Null, TextWriter.Null, dir, pools));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only slower: the first check warms the grader instead.
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
