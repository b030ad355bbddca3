namespace Grader.Runtime;

/// <summary>
/// What a submission script sees besides its own code: <c>Answer(partId, value)</c>. Nothing else is public.
/// </summary>
public sealed class SubmissionGlobals
{
    private readonly List<KeyValuePair<string, object?>> _answers = [];

    /// <summary>Records the answer to a part; a later answer to the same part replaces an earlier one.</summary>
    public void Answer(string partId, object value) => _answers.Add(new(partId ?? "", value));

    internal IReadOnlyList<KeyValuePair<string, object?>> Answers => _answers;
}
