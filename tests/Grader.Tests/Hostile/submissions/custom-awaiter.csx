// expect: rejected
// reason: a custom awaiter
class Later { public Later GetAwaiter() => this; public bool IsCompleted => false; }
Answer("value", 6);
