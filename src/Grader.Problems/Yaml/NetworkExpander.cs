using Grader.Problems.Expressions;
using Grader.Problems.Model;

namespace Grader.Problems.Yaml;

/// <summary>
/// Expands a <c>network:</c> block into ordinary steps. For each layer L with input h:
/// <c>L.a = dense(h, W, b)</c> (pre-activation), <c>L.z = activation(L.a)</c>; the last layer also defines
/// <c>L.yhat</c>; the loss defines <c>loss</c>. Inline weights become givens <c>L.W</c> and <c>L.b</c>.
/// </summary>
internal static class NetworkExpander
{
    private static readonly string[] NetworkKeys = ["input", "layers", "loss"];
    private static readonly string[] LayerKeys = ["name", "units", "activation", "weights", "bias"];
    private static readonly string[] LossKeys = ["type", "target", "reduction"];

    public static readonly IReadOnlyList<string> Activations = ["linear", "relu", "sigmoid", "tanh", "softmax"];

    /// <summary>Each loss as an elementwise formula of target T and prediction P, and its default reduction.</summary>
    public static readonly IReadOnlyDictionary<string, (string Formula, string Reduction)> Losses = new Dictionary<string, (string, string)>
    {
        ["squared_error"] = ("(T - P)^2", "sum"),
        ["mse"] = ("(T - P)^2", "mean"),
        ["half_mse"] = ("0.5 * (T - P)^2", "mean"),
        ["l1"] = ("abs(T - P)", "mean"),
        ["bce"] = ("-(T * log(P) + (1 - T) * log(1 - P))", "mean"),
        ["cross_entropy"] = ("-rowsum(T * log(P))", "mean"),
        ["hinge"] = ("relu(1 - T * P)", "mean"),
    };

    public static void Expand(LoadContext ctx, YamlNode? node, List<Given> givens, List<Step> steps)
    {
        var net = ctx.Mapping(node, "network", NetworkKeys);
        if (net is null)
        {
            return;
        }
        var input = net.String("input", required: true);
        if (input is null)
        {
            return;
        }
        if (net.Node("layers") is not YamlSequence layers || layers.Items.Count == 0)
        {
            ctx.Error(net.Map.Location, "network needs a list of layers", "layers: [ { name: hidden, units: 3, activation: sigmoid, weights: W, bias: b } ]");
            return;
        }
        var h = input;
        string? last = null;
        string lastActivation = "linear";
        foreach (var item in layers.Items)
        {
            var layer = ctx.Mapping(item, "a layer", LayerKeys);
            if (layer is null)
            {
                continue;
            }
            var name = layer.String("name", required: true);
            var units = layer.Integer("units", 1, SpecBounds.MaxUnits, "units is the number of neurons of the layer, a whole number from 1 to 100000");
            var activation = layer.String("activation") ?? "linear";
            if (!Activations.Contains(activation))
            {
                ctx.Error(layer.Node("activation")!.Location, $"unknown activation `{activation}`",
                    Suggest.DidYouMean(activation, Activations, $"valid activations: {string.Join(", ", Activations)}"));
            }
            if (name is null || !SpecLoader.CheckName(ctx, layer.KeyOf("name")!, "a layer"))
            {
                continue;
            }
            var w = Parameter(ctx, layer, "weights", $"{name}.W", givens, units);
            var b = layer.Node("bias") is null ? "0" : Parameter(ctx, layer, "bias", $"{name}.b", givens, units);
            if (w is null || b is null)
            {
                continue;
            }
            var at = item.Location;
            Add(ctx, steps, $"{name}.a", $"dense({h}, {w}, {b})", at);
            Add(ctx, steps, $"{name}.z", activation == "linear" ? $"{name}.a" : $"{activation}({name}.a)", at);
            h = $"{name}.z";
            last = name;
            lastActivation = activation;
        }
        if (last is null)
        {
            return;
        }
        Add(ctx, steps, $"{last}.yhat", $"{last}.z", layers.Location);
        var loss = ctx.Mapping(net.Node("loss"), "loss", LossKeys);
        if (loss is null)
        {
            return;
        }
        var type = loss.String("type", required: true) ?? "";
        var target = loss.String("target", required: true);
        if (!Losses.TryGetValue(type, out var spec))
        {
            ctx.Error(loss.Node("type")?.Location ?? loss.Map.Location, $"unknown loss `{type}`",
                Suggest.DidYouMean(type, Losses.Keys, $"valid losses: {string.Join(", ", Losses.Keys)}"));
            return;
        }
        var reduction = loss.String("reduction") ?? spec.Reduction;
        if (reduction is not ("sum" or "mean"))
        {
            ctx.Error(loss.Node("reduction")!.Location, $"unknown reduction `{reduction}`", "reduction is sum or mean");
            return;
        }
        var formula = spec.Formula.Replace("T", $"({target})").Replace("P", $"{last}.yhat");
        // Cross-entropy after softmax is computed from the logits with log_softmax, which stays finite.
        if (type == "cross_entropy" && lastActivation == "softmax")
        {
            formula = $"-rowsum(({target}) * log_softmax({last}.a))";
        }
        Add(ctx, steps, "loss", $"{reduction}({formula})", loss.Map.Location);
    }

    private static string? Parameter(LoadContext ctx, MappingReader layer, string key, string inlineName, List<Given> givens, long? units)
    {
        var node = layer.Node(key);
        if (node is null)
        {
            ctx.Error(layer.Map.Location, $"the layer needs `{key}`", $"{key}: the name of a given, or the values written out");
            return null;
        }
        if (node is YamlScalar s && !LoadContext.TryNumber(s, out _))
        {
            var g = givens.FirstOrDefault(g => g.Name == s.Value);
            CheckUnits(ctx, node, key, g?.Literal?.Shape, units);
            return s.Value;
        }
        var literal = ctx.Literal(node, $"{key} of a layer");
        if (literal is null)
        {
            ctx.Error(node.Location, $"{key} must be the name of a given or numbers", key == "weights" ? "weights are shaped [units, inputs]" : "bias is shaped [units]");
            return null;
        }
        CheckUnits(ctx, node, key, literal.Shape, units);
        givens.Add(new Given(inlineName, literal, null, node.Location));
        return inlineName;
    }

    private static void CheckUnits(LoadContext ctx, YamlNode node, string key, IReadOnlyList<int>? shape, long? units)
    {
        if (shape is null || units is null || shape.Count == 0)
        {
            return;
        }
        var outputs = key == "weights" && shape.Count == 2 ? shape[0] : shape.Count == 1 && key == "bias" ? shape[0] : units;
        if (key == "weights" && shape.Count == 1)
        {
            outputs = 1;
        }
        if (outputs != units)
        {
            ctx.Error(node.Location, $"the layer has {units} units but its {key} are shaped {Engine.Tensor.FormatShape(shape)}",
                key == "weights" ? $"weights are shaped [units, inputs]: {units} rows" : $"bias is shaped [{units}]");
        }
    }

    private static void Add(LoadContext ctx, List<Step> steps, string name, string text, SourceLocation at)
    {
        try
        {
            steps.Add(new Step(name, Parser.Parse(text, at), at));
        }
        catch (ExprException ex)
        {
            ctx.Error(at, $"network: {ex.Message} in `{text}`", "check the names of the input, weights and target");
        }
    }
}
