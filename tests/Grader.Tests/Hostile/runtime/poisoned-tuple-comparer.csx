// Not in submissions/: whether this run itself ends graded or crashed depends on where the full heap fails first; what
// is asserted is the next student's report (IsolationTests.Runtime_*).
// The same with types no warm-up can initialize in advance for every student (a tuple's comparers): whatever is thrown
// under the full heap is seen where it is thrown, whoever catches it, and the worker is replaced after this run.
var keys = new[] { (2.0, 1.0, 1), (1.0, 1.0, 1) };
var comparer = Comparer<(double, double, int)>.Create((a, b) => a.Item1.CompareTo(b.Item1));
var hog = new List<double[]>(1 << 16);
for (var size = 1 << 22; size >= 8192; size /= 2)
{
    try { while (true) hog.Add(new double[size]); } catch (Exception) { }
}
try { Array.Sort(keys, comparer); } catch (Exception) { }
try { _ = new[] { (1, 2.0, 3.0) }.Distinct().Count(); } catch (Exception) { }
hog.Clear();
Answer("value", 6);
