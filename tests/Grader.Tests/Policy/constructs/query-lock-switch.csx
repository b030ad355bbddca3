// A submission using everyday C#: the policy's fast path and its whole check must give it the same verdict (PolicyFastPathTests).
var q = from x in Enumerable.Range(0, 5) where x > 1 select x * 2.0;
double[,] m = new double[2, 2];
m[0, 1] = 3;
var o = new object();
lock (o) { m[1, 1] = 4; }
string str = "abc";
switch (str) { case "abc": m[0,0] = 1; break; case "d": break; }
decimal dec = 1.5m;
var t = Tuple.Create(1, 2);
Answer("q", q.Sum() + m[0, 1] + (double)dec);
