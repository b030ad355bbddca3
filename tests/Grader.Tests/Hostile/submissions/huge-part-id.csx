// expect: graded
// reason: names no part
// A 20-million-character part id: bounded before it is stored, and no did-you-mean over it.
Answer(new string('x', 20_000_000), 1);
Answer("value", 6);
