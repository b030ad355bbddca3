// expect: rejected
// reason: System.IO
foreach (var f in System.IO.Directory.GetFiles("/")) Console.WriteLine(f);
Answer("value", 6);
