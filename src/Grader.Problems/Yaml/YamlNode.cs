namespace Grader.Problems.Yaml;

/// <summary>A YAML node with its place in the file.</summary>
public abstract record YamlNode(SourceLocation Location);

/// <summary>A scalar; <see cref="Quoted"/> scalars are always strings, plain ones may be numbers.</summary>
public sealed record YamlScalar(string Value, bool Quoted, SourceLocation Location, SourceLocation ValueStart) : YamlNode(Location);

public sealed record YamlSequence(IReadOnlyList<YamlNode> Items, SourceLocation Location) : YamlNode(Location);

public sealed record YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries, SourceLocation Location) : YamlNode(Location)
{
    public YamlNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}

/// <summary>A node not read (a collection too deep, an alias); its error is already reported.</summary>
public sealed record YamlSkipped(SourceLocation Location) : YamlNode(Location);
