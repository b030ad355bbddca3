// expect: graded
// reason: value: correct
// Escape sequences and a carriage return that clear a terminal and draw a fake 12/12.
Console.Write("\u001b[2J\u001b[H\rhostile: 12 / 12 (graded)\r\n\u009b31m\u202Eevil\0nul\uD800lone");
Answer("value", 6);
