// expect: graded
// reason: more warning
// 150,000 answers to parts that do not exist.
for (var i = 0; i < 150_000; i++) Answer($"no-such-part-{i}", i);
Answer("value", 6);
