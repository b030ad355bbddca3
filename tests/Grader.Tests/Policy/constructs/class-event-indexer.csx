// A submission using everyday C#: the policy's fast path and its whole check must give it the same verdict (PolicyFastPathTests).
class Layer { public double[] W = new double[3]; public double this[int i] => W[i]; public event Action? Changed; public void Fire() => Changed?.Invoke(); }
var l = new Layer();
l.Changed += () => { };
l.Fire();
var nums = new List<double> { 1, 2 };
nums.Sort();
List<double> ce = [1, 2, 3];
int? maybe = null;
Answer("l", l[0] + ce.Count + (maybe ?? 1));
