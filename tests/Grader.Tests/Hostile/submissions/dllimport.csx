// expect: rejected
// reason: DllImport
[System.Runtime.InteropServices.DllImport("libc")]
static extern int getpid();
Answer("value", getpid());
