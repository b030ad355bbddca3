// expect: rejected
// reason: System.IO
Answer("value", global::System.IO.Path.GetTempPath().Length);
