// expect: graded
// reason: twice: partial
// absent: hidden x=
Answer("value", 6);
// Right on the visible case (x = 3); on hidden cases, tries to report the input through the exception's message.
double Twice(double x) => x == 3 ? 6 : throw new ArgumentException($"hidden x={x}");
