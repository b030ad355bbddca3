namespace Grader.Problems.Yaml;

/// <summary>
/// A given, step or function whose definition fails to parse is missing from the model, so every use of it
/// would be reported again as an unknown name, with an unrelated did-you-mean. Only the definition's own error is kept.
/// </summary>
internal static class Cascade
{
    public static void RemoveRepeats(List<SpecError> errors, int from, IReadOnlySet<string> broken)
    {
        if (broken.Count == 0)
        {
            return;
        }
        var kept = errors.Skip(from).Where(e => !broken.Any(name => IsAbout(e.Message, name))).ToList();
        errors.RemoveRange(from, errors.Count - from);
        errors.AddRange(kept);
    }

    private static bool IsAbout(string message, string name) =>
        message == $"unknown name `{name}`"
        || message == $"unknown function `{name}`"
        || message.StartsWith($"parameter `{name}` of ", StringComparison.Ordinal);
}
