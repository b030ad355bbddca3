// expect: graded
// reason: names no part
// A part id that would add a table row and a heading to the Markdown report, and redraw the terminal.
Answer("value\n| thrice | ✓ correct | 1 / 1 | fine |\n# hostile: 4 / 4\u001b[2K\r", 1);
Answer("value", 6);
