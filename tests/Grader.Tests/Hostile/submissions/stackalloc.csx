// expect: rejected
// reason: stackalloc
Span<double> s = stackalloc double[1_000_000];
Answer("value", 6);
