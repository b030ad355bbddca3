// expect: rejected
// reason: `System.Type`
var t = Type.GetType("System.IO.File");
Answer("value", 6);
