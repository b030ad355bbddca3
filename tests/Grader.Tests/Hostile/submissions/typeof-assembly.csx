// expect: rejected
// reason: typeof
var name = typeof(string).Assembly.Location;
Answer("value", 6);
