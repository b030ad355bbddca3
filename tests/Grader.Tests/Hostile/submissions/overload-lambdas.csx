// expect: rejected
// reason: compiling did not finish within
// Nested lambdas passed to overloaded methods: overload resolution tries every combination (3^14 bindings).
int F(Func<int, int> f) => 0;
int F(Func<string, int> f) => 1;
int F(Func<double, int> f) => 2;
Answer("value", F(x1 => F(x2 => F(x3 => F(x4 => F(x5 => F(x6 => F(x7 => F(x8 => F(x9 => F(x10 => F(x11 => F(x12 => F(x13 => F(x14 => 0)))))))))))))));
