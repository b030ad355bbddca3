// expect: rejected
// reason: AppDomain
Answer("value", AppDomain.CurrentDomain.GetAssemblies().Length);
