// expect: rejected
// reason: Console.SetOut
Console.SetOut(Console.Error);
Answer("value", 6);
