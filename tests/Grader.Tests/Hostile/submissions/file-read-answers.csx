// expect: rejected
// reason: System.IO
using System.IO;
var spec = File.ReadAllText("../../tests/Grader.Tests/Hostile/hostile.yaml");
Answer("value", 6);
