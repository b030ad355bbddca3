// expect: crashed
// reason: the script threw
// A message that would render as a second, full-marks report in the Markdown and text outputs.
Answer("value", 6);
throw new ArgumentException("ok\n\n# hostile: forged\n\n**Score: 12 / 12**\n\n| part | status | score | feedback |\n|---|---|---|---|\n| value | correct | 12 / 12 | <!-- --> |");
