// expect: rejected
// reason: Environment
Answer("value", Environment.GetEnvironmentVariable("HOME")!.Length);
