// expect: rejected
// reason: Environment
Environment.FailFast("bye");
