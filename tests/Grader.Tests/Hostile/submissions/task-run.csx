// expect: rejected
// reason: Task
System.Threading.Tasks.Task.Run(() => { while (true) { } });
Answer("value", 6);
