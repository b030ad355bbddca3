// A call to a partial method without a body is left out, with its arguments.
partial class Probe
{
    partial void Log(int value);
    public int Run() { Log(Environment.TickCount); return 1; }
}
Answer("a", new Probe().Run());
