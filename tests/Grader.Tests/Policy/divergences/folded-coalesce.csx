// A constant that is not null: the right of ?? is left out.
var s = "x" ?? Console.ReadLine(); Answer("a", s.Length);
