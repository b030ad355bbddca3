// true || X: X is left out of the compiled code.
var b = true || Console.ReadLine() == "x"; Answer("a", b ? 1 : 0);
