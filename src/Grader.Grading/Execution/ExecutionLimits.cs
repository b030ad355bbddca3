namespace Grader.Grading.Execution;

/// <summary>Limits on one submission in its worker.</summary>
public sealed record ExecutionLimits
{
    /// <summary>Parse, policy, compile and emit, inside the worker.</summary>
    public TimeSpan Compile { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan TopLevel { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan PerCase { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The whole run after compiling, top level and every call; past it the worker is killed.</summary>
    public TimeSpan Total { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The managed heap limit of the worker process (DOTNET_GCHeapHardLimit), compiler included.</summary>
    public long HeapBytes { get; init; } = 384L * 1024 * 1024;

    public int OutputChars { get; init; } = 4_000;

    public static readonly ExecutionLimits Default = new();
}
