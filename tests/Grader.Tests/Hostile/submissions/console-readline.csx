// expect: rejected
// reason: Console.ReadLine
Answer("value", double.Parse(Console.ReadLine()!));
