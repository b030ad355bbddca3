namespace Grader.Grading.Execution;

/// <summary>Limits on one submission's run.</summary>
public sealed record ExecutionLimits
{
    public TimeSpan TopLevel { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan PerCase { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The whole run, top level and every call; past it the runner process is killed.</summary>
    public TimeSpan Total { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The managed heap limit of the runner process (DOTNET_GCHeapHardLimit).</summary>
    public long HeapBytes { get; init; } = 256L * 1024 * 1024;

    public int OutputChars { get; init; } = 4_000;

    public static readonly ExecutionLimits Default = new();
}
