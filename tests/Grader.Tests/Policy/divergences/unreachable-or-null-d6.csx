// Names in code the compiler leaves out: the fast path must send it to the whole check.
Type t = null; Answer("a", t == null ? 1 : 0);
