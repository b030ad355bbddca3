// expect: crashed
// reason: boom
throw new InvalidOperationException("boom");
