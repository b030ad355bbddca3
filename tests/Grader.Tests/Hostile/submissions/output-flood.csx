// expect: graded
// reason: [output truncated]
for (var i = 0; i < 2_000_000; i++) Console.Write("spam ");
Answer("value", 6);
double Twice(double x) => 2 * x;
