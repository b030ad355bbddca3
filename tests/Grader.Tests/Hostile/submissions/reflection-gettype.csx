// expect: rejected
// reason: GetType
Answer("value", 1.0.GetType().Assembly.FullName!.Length);
