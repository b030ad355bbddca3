// expect: rejected
// reason: dynamic
dynamic d = 6;
Answer("value", d);
