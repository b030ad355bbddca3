// expect: rejected
// reason: an async lambda
Action later = async () => { throw new ArgumentException("later"); };
later();
Answer("value", 6);
