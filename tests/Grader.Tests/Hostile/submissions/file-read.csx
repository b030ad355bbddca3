// expect: rejected
// reason: System.IO
Answer("value", System.IO.File.ReadAllText("/etc/hostname").Length);
