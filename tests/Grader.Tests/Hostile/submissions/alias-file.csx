// expect: rejected
// reason: System.IO
using F = System.IO.File;
Answer("value", F.Exists("/") ? 6 : 0);
