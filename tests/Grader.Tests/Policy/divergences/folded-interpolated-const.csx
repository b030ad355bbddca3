// A constant interpolated string compared in the condition.
const string Mode = "fast";
Answer("a", $"{Mode}!" == "slow!" ? Environment.TickCount : 0);
