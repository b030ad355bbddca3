// expect: rejected
// reason: string.Intern
// Interned strings outlive the load context: the next student in the worker would run out of memory.
string.Intern(new string('x', 50_000_000));
Answer("value", 6);
