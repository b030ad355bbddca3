// expect: crashed
// reason: the script threw
// A 20-million-character exception message at the top level.
Answer("value", 6);
throw new ArgumentException(new string('m', 20_000_000));
