// expect: graded
// reason: twice: partial
// absent: late leak
Answer("value", 6);
// On hidden cases, outlives its time limit and then prints its input, hoping the print lands in the report.
double Twice(double x)
{
    if (x == 3)
    {
        return 6;
    }
    var spin = 0L;
    for (var i = 0L; i < 4_000_000_000L; i++)
    {
        spin += i % 7;
    }
    Console.WriteLine($"late leak {x} {spin}");
    return 2 * x;
}
