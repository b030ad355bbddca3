using Grader.Problems.Expressions;
using Grader.Problems.Model;

namespace Grader.Problems.Yaml;

/// <summary>
/// Expands a <c>network:</c> block into ordinary steps, built as expression trees. For each layer L with input h:
/// <c>L.a = dense(h, W, b)</c> (pre-activation), <c>L.z = activation(L.a)</c>; the last layer also defines
/// <c>L.yhat</c>; each loss defines a step (<c>loss</c> unless it is named). Inline weights become givens
/// <c>L.W</c> and <c>L.b</c>.
/// </summary>
internal static class NetworkExpander
{
    private static readonly string[] NetworkKeys = ["input", "layers", "loss"];
    private static readonly string[] LayerKeys = ["name", "units", "activation", "weights", "bias"];
    private static readonly string[] LossKeys = ["name", "type", "target", "reduction"];

    public static readonly IReadOnlyList<string> Activations = ["linear", "relu", "sigmoid", "tanh", "softmax"];

    /// <summary>What a loss sees: the target T, the prediction P (the last layer's output) and the last layer.</summary>
    private sealed record LossInputs(Expr T, Expr P, string Last, string Activation)
    {
        public Expr Pre => ExprTree.Name($"{Last}.a");

        /// <summary>The logits cross_entropy takes: the pre-activation of a softmax layer, else the output itself.</summary>
        public Expr Logits => Activation == "softmax" ? Pre : P;
    }

    /// <summary>Each loss as a tree of per-element (or per-sample) terms, and its default reduction, as PyTorch defines them.</summary>
    private static readonly Dictionary<string, (Func<LossInputs, Expr> Terms, string Reduction)> LossTable = new()
    {
        ["squared_error"] = (x => Square(ExprTree.Binary("-", x.T, x.P)), "sum"),
        ["mse"] = (x => Square(ExprTree.Binary("-", x.T, x.P)), "mean"),
        ["half_mse"] = (x => ExprTree.Binary("*", ExprTree.Number(0.5), Square(ExprTree.Binary("-", x.T, x.P))), "mean"),
        ["l1"] = (x => ExprTree.Call("abs", ExprTree.Binary("-", x.T, x.P)), "mean"),
        // After a sigmoid layer, from the logits (binary_cross_entropy_with_logits): finite at any logit.
        ["bce"] = (x => x.Activation == "sigmoid" ? ExprTree.Call("bce_with_logits", x.Pre, x.T) : ExprTree.Call("bce", x.P, x.T), "mean"),
        // PyTorch's cross_entropy takes logits: log_softmax of the pre-activation of a softmax or linear layer.
        ["cross_entropy"] = (x => ExprTree.Call("cross_entropy", x.Logits, x.T), "mean"),
        ["hinge"] = (x => ExprTree.Call("relu", ExprTree.Binary("-", ExprTree.Number(1), ExprTree.Binary("*", x.T, x.P))), "mean"),
    };

    /// <summary>The loss types a network block accepts.</summary>
    public static IReadOnlyCollection<string> Losses => LossTable.Keys;

    private static Expr Square(Expr e) => ExprTree.Binary("^", e, ExprTree.Number(2));

    /// <summary>Adds the network's steps to <paramref name="steps"/>, and to <paramref name="summary"/> the network in words (a line per layer and loss: what a handout states of it).</summary>
    public static void Expand(LoadContext ctx, YamlNode? node, List<Given> givens, List<Step> steps, List<string> summary)
    {
        var net = ctx.Mapping(node, "network", NetworkKeys);
        if (net is null)
        {
            return;
        }
        var input = ctx.Expression(net.Node("input"), "the input of the network");
        if (input is null)
        {
            if (net.Node("input") is null)
            {
                ctx.Error(net.Map.Location, "network needs `input`", "input: the name of the given holding the samples, e.g. input: X");
            }
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
            var b = layer.Node("bias") is null ? ExprTree.Number(0) : Parameter(ctx, layer, "bias", $"{name}.b", givens, units);
            if (w is null || b is null)
            {
                continue;
            }
            var at = item.Location;
            var a = ExprTree.Name($"{name}.a");
            Add(steps, a.Name, ExprTree.Call("dense", h, w, b), at);
            Add(steps, $"{name}.z", activation == "linear" ? a : ExprTree.Call(activation, a), at);
            summary.Add($"layer `{name}`: {units} unit{(units == 1 ? "" : "s")}, {activation} activation, on `{Named(h)}`; weights `{Named(w)}` (shaped [units, inputs]), "
                + (layer.Node("bias") is null ? "no bias" : $"bias `{Named(b)}`") + $"; `{name}.a` is its pre-activation, `{name}.z` its output");
            h = ExprTree.Name($"{name}.z");
            last = name;
            lastActivation = activation;
        }
        if (last is null)
        {
            return;
        }
        Add(steps, $"{last}.yhat", ExprTree.Name($"{last}.z"), layers.Location);
        var lossNode = net.Node("loss");
        var items = lossNode is YamlSequence seq ? seq.Items : lossNode is null ? [] : [lossNode];
        if (items.Count == 0)
        {
            return;
        }
        var named = lossNode is YamlSequence && items.Count > 1;
        foreach (var item in items)
        {
            ReadLoss(ctx, item, new LossInputs(ExprTree.Number(0), ExprTree.Name($"{last}.yhat"), last, lastActivation), named, steps, summary);
        }
    }

    private static void ReadLoss(LoadContext ctx, YamlNode item, LossInputs inputs, bool nameRequired, List<Step> steps, List<string> summary)
    {
        var loss = ctx.Mapping(item, "loss", LossKeys);
        if (loss is null)
        {
            return;
        }
        var type = loss.String("type", required: true) ?? "";
        var target = ctx.Expression(loss.Node("target"), "the target of the loss");
        if (loss.Node("target") is null)
        {
            ctx.Error(loss.Map.Location, "loss needs `target`", "target: the name of the given holding the targets, e.g. target: Y");
        }
        var name = loss.String("name", required: nameRequired) ?? "loss";
        if (loss.KeyOf("name") is { } key && !SpecLoader.CheckName(ctx, key, "a loss"))
        {
            return;
        }
        if (!LossTable.TryGetValue(type, out var spec))
        {
            ctx.Error(loss.Node("type")?.Location ?? loss.Map.Location, $"unknown loss `{type}`",
                Suggest.DidYouMean(type, LossTable.Keys, $"valid losses: {string.Join(", ", LossTable.Keys)}"));
            return;
        }
        var reduction = loss.String("reduction") ?? spec.Reduction;
        if (reduction is not ("sum" or "mean"))
        {
            ctx.Error(loss.Node("reduction")!.Location, $"unknown reduction `{reduction}`", "reduction is sum or mean");
            return;
        }
        if (target is null)
        {
            return;
        }
        if (steps.Any(s => s.Name == name))
        {
            ctx.Error(loss.KeyOf("name")?.Location ?? loss.Map.Location, $"the loss step `{name}` is defined twice", "give each loss its own name: name: ce");
            return;
        }
        // Errors in the loss (a target that fits neither form) are reported at the target.
        var at = loss.Node("target")!.Location;
        Add(steps, name, ExprTree.Call(reduction, spec.Terms(inputs with { T = target })), at);
        summary.Add($"loss `{name}`: {type} of the output `{inputs.Last}.yhat` against `{target.Text}`, the {reduction} over the samples");
    }

    private static Expr? Parameter(LoadContext ctx, MappingReader layer, string key, string inlineName, List<Given> givens, long? units)
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
            return ctx.Expression(s, $"{key} of a layer");
        }
        var literal = ctx.Literal(node, $"{key} of a layer");
        if (literal is null)
        {
            ctx.Error(node.Location, $"{key} must be the name of a given or numbers", key == "weights" ? "weights are shaped [units, inputs]" : "bias is shaped [units]");
            return null;
        }
        CheckUnits(ctx, node, key, literal.Shape, units);
        givens.Add(new Given(inlineName, literal, null, node.Location));
        return ExprTree.Name(inlineName);
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

    /// <summary>How a handout names a value: a name as it is (a tree made here has no source text), else its text.</summary>
    private static string Named(Expr e) => e is NameExpr n ? n.Name : e.Text;

    private static void Add(List<Step> steps, string name, Expr e, SourceLocation at) =>
        steps.Add(new Step(name, ExprTree.Finish(e, at), at));
}
