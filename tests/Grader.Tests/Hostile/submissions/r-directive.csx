// expect: rejected
// reason: #r
#r "System.IO.FileSystem.dll"
Answer("value", 6);
