// expect: graded
// reason: value: error
// reason: no answer of this problem has more than
// 20 million numbers for a scalar part: refused in the worker, never carried to the grader.
Answer("value", new double[20_000_000]);
