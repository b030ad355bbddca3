// false && X: X is left out of the compiled code.
Answer("a", false && Environment.TickCount > 0 ? 1 : 0);
