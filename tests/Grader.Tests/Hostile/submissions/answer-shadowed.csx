// expect: rejected
// reason: a method named Answer
// A script of its own Answer would hide the grader's: every answer would go nowhere without a word.
static void Answer(string partId, object value) { }
Answer("value", 6);
