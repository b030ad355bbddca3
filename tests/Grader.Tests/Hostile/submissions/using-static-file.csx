// expect: rejected
// reason: System.IO
using static System.IO.File;
Answer("value", ReadAllText("/etc/passwd").Length);
