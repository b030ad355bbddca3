using Grader.Engine;

namespace Grader.Tests.Engine;

/// <summary>
/// The backward pass keeps a node's first gradient as its rule returned it and copies it only when a second one
/// arrives. A rule that hands its upstream gradient on unchanged (reshape) then shares one array between two nodes:
/// adding into it for one must not change the other.
/// </summary>
public class AutodiffAccumulationTests
{
    [Test]
    public void A_gradient_shared_through_reshape_is_copied_before_a_second_path_adds_to_it()
    {
        var x = Var.Leaf(Tensor.Vector(1, 2, 3));
        var c = Var.Leaf(Tensor.Vector(10, 20, 30));
        var d = Var.Leaf(Tensor.Vector(100, 200, 300));
        // r is x reshaped: reshape's rule passes r's gradient (c) to x as the same array; x's own use adds d.
        var r = Ops.Reshape(x, [3]);
        var loss = Ops.Add(Ops.Sum(Ops.Mul(r, c)), Ops.Sum(Ops.Mul(x, d)));

        var grads = Autodiff.Grad(loss, [x, r]);

        Assert.That(grads[0].ToArray(), Is.EqualTo(new[] { 110.0, 220, 330 }), "dloss/dx: both paths");
        Assert.That(grads[1].ToArray(), Is.EqualTo(new[] { 10.0, 20, 30 }), "dloss/dr: only its own path, untouched by x's sum");
    }

    [Test]
    public void A_second_pass_over_the_same_graph_gives_the_same_gradients()
    {
        var x = Var.Leaf(Tensor.Vector(1, 2));
        var r = Ops.Reshape(x, [2]);
        var loss = Ops.Sum(Ops.Mul(r, Var.Leaf(Tensor.Vector(3, 4))));

        var first = Autodiff.Grad(loss, [x, r]);
        var second = Autodiff.Grad(loss, [x, r]);

        Assert.That(first[0].ToArray(), Is.EqualTo(new[] { 3.0, 4 }));
        Assert.That(first[1].ToArray(), Is.EqualTo(new[] { 3.0, 4 }));
        Assert.That(second[0].ToArray(), Is.EqualTo(first[0].ToArray()), "a second pass over the same graph gives the same");
    }
}
