using System.Globalization;
using Grader.Problems.Expressions;

namespace Grader.Problems.Yaml;

/// <summary>Reads the keys of one YAML mapping, reporting unknown keys (with a did-you-mean) and mistyped values.</summary>
internal sealed class MappingReader
{
    private readonly LoadContext _ctx;
    private readonly string _what;

    public MappingReader(LoadContext ctx, YamlMapping map, string what, IReadOnlyCollection<string> keys, bool allowOtherKeys)
    {
        _ctx = ctx;
        Map = map;
        _what = what;
        if (!allowOtherKeys)
        {
            foreach (var (key, _) in map.Entries)
            {
                if (!keys.Contains(key.Value))
                {
                    ctx.Error(key.Location, $"unknown key `{key.Value}` in {what}",
                        Suggest.DidYouMean(key.Value, keys, $"valid keys: {string.Join(", ", keys)}"));
                }
            }
        }
    }

    public YamlMapping Map { get; }

    public YamlNode? Node(string key) => Map[key];

    public YamlScalar? KeyOf(string key) => Map.Entries.FirstOrDefault(e => e.Key.Value == key).Key;

    public string? String(string key, bool required = false)
    {
        switch (Node(key))
        {
            case null when required:
                _ctx.Error(Map.Location, $"{_what} needs `{key}`", $"add {key}: ...");
                return null;
            case null:
                return null;
            case YamlScalar s:
                return s.Value;
            case YamlSkipped:
                return null;
            case var other:
                _ctx.Error(other.Location, $"`{key}` in {_what} must be a single value");
                return null;
        }
    }

    public double? Number(string key, double min = double.NegativeInfinity)
    {
        var node = Node(key);
        if (node is null or YamlSkipped)
        {
            return null;
        }
        if (node is YamlScalar s && LoadContext.TryNumber(s, out var x) && x >= min)
        {
            return x;
        }
        _ctx.Error(node.Location, $"`{key}` in {_what} must be a number{(min > double.NegativeInfinity ? $" >= {min}" : "")}",
            $"write {key}: 10");
        return null;
    }

    /// <summary>A finite number from <paramref name="min"/> to <paramref name="max"/>; out of range is an error naming the value.</summary>
    public double? Number(string key, double min, double max, string hint)
    {
        var node = Node(key);
        if (node is null or YamlSkipped)
        {
            return null;
        }
        if (node is YamlScalar s && LoadContext.TryNumber(s, out var x) && double.IsFinite(x) && x >= min && x <= max)
        {
            return x;
        }
        var got = node is YamlScalar v ? (v.Quoted && LoadContext.TryNumber(v with { Quoted = false }, out _) ? $", not the quoted text \"{v.Value}\" (write it without quotes)" : $", not {v.Value}") : "";
        _ctx.Error(node.Location, string.Create(CultureInfo.InvariantCulture, $"`{key}` in {_what} must be a number from {min} to {max}{got}"), hint);
        return null;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public long? Integer(string key, long min, long max, string hint)
    {
        var x = Number(key, min, max, hint);
        if (x is { } v && v != Math.Floor(v))
        {
            _ctx.Error(Node(key)!.Location, $"`{key}` in {_what} must be a whole number, not {(Node(key) is YamlScalar s ? s.Value : v)}", hint);
            return null;
        }
        return x is null ? null : (long)x;
    }

    public long? Integer(string key, long min)
    {
        var x = Number(key, min);
        if (x is { } v && v != Math.Floor(v))
        {
            _ctx.Error(Node(key)!.Location, $"`{key}` in {_what} must be a whole number, not {v}");
            return null;
        }
        return x is null ? null : (long)x;
    }

    public bool Bool(string key)
    {
        var node = Node(key);
        if (node is null or YamlSkipped)
        {
            return false;
        }
        if (node is YamlScalar { Value: "true" or "false" } s)
        {
            return s.Value == "true";
        }
        var got = node is YamlScalar b ? $", not {(b.Quoted ? $"the quoted text \"{b.Value}\"" : b.Value)}" : "";
        _ctx.Error(node.Location, $"`{key}` in {_what} must be true or false{got}", $"write {key}: true (YAML's yes, no, on and off are not read as true or false here)");
        return false;
    }
}
