// expect: rejected
// reason: GC
GC.Collect();
Answer("value", 6);
