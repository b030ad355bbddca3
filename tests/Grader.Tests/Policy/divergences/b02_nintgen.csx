// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
var l = new List<nint> { 1, 2 }; nuint u = 7;
Console.WriteLine($"{l[0]} {u}");
Answer("a", (int)l.Sum(x => (long)x));
