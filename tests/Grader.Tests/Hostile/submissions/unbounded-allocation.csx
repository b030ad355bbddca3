// expect: crashed
// reason: OutOfMemory
var hoard = new List<double[]>();
while (true) hoard.Add(new double[10_000_000]);
