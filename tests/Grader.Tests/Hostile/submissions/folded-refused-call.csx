// expect: rejected
// reason: Environment
// A refused call on the side of a condition the compiler computes (and leaves out, without a warning): the same
// verdict as the whole check's, whichever path the policy takes.
const bool Never = false;
Answer("value", Never ? Environment.ProcessorCount : 6);
double Twice(double x) => false && Environment.TickCount > 0 ? 0 : 2 * x;
