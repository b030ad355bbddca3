// expect: rejected
// reason: System.Linq.Expressions
System.Linq.Expressions.Expression<Func<double>> e = () => 6;
Answer("value", 6);
