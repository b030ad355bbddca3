// expect: timeout
// reason: did not finish
while (true) { }
