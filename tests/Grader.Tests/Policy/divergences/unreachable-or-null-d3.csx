// Names in code the compiler leaves out: the fast path must send it to the whole check.
const bool F = false; if (F) GC.Collect(); Answer("a", 1);
