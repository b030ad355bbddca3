// expect: rejected
// reason: Environment
Answer("value", 6);
Environment.Exit(0);
