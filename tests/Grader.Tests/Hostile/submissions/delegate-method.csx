// expect: rejected
// reason: Method
Func<double> f = () => 6;
Answer("value", f.Method.Name.Length);
