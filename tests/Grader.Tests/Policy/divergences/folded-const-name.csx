// A constant of the script's own as the condition.
const bool Debugging = false;
Answer("a", Debugging ? Environment.TickCount : 0);
