// Not in submissions/: whether this run itself ends graded or crashed depends on where the full heap fails first; what
// is asserted is the next student's report (IsolationTests.Runtime_*).
// Fills the heap, then sorts with a comparer of its own: Array.Sort's first use of Comparer<double>.Default (its static
// constructor) would run out of memory inside Array.Sort, whose own catch hides it, and the runtime remembers a failed
// initializer for the life of the process (the next student's OrderByDescending would throw). The worker initialized
// that type before any student, and a heap that ran out during a run ends the worker (IsolationTests).
var keys = new[] { 2.0, 1.0, 3.0 };
var comparer = Comparer<double>.Create((a, b) => a < b ? -1 : a > b ? 1 : 0);
var hog = new List<double[]>(1 << 16);
for (var size = 1 << 22; size >= 8192; size /= 2)
{
    try { while (true) hog.Add(new double[size]); } catch (Exception) { }
}
try { Array.Sort(keys, comparer); } catch (Exception) { }
hog.Clear();
Answer("value", 6);
