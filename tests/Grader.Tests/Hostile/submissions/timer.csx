// expect: rejected
// reason: Timer
var t = new System.Threading.Timer(_ => Console.WriteLine("tick"), null, 0, 1);
Answer("value", 6);
