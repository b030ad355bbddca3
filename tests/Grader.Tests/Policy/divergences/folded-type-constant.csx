// A constant of a type (Math.PI) in the condition.
Answer("a", Math.PI > 4 ? Environment.TickCount : 0);
