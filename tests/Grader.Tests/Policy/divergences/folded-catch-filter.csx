// A catch filter that is always false.
var n = 0;
try { n = int.Parse("x"); } catch (Exception) when (false) { n = Environment.TickCount; } catch (Exception) { n = 1; }
Answer("a", n);
