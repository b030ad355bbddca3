// expect: crashed
// reason: stack overflow
int Deep(int n) => Deep(n + 1) + 1;
Answer("value", Deep(0));
