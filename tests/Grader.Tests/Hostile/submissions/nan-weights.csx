// expect: graded
// reason: fit: incorrect
// reason: not finite
// Every residual NaN: a careless max() skips them and the condition holds. It must not.
Answer("value", 6);
Answer("fit.w", new[] { double.NaN, double.NaN });
