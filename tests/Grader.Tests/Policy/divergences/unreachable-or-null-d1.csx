// Names in code the compiler leaves out: the fast path must send it to the whole check.
if (false) Environment.Exit(1); Answer("a", 1);
