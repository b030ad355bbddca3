// expect: rejected
// reason: unsafe
unsafe
{
    int x = 6;
    int* p = &x;
    Answer("value", *p);
}
