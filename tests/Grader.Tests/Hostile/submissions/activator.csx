// expect: rejected
// reason: Activator
var o = Activator.CreateInstance<List<int>>();
Answer("value", 6);
