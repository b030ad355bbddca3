// expect: rejected
// reason: Thread
new System.Threading.Thread(() => throw new Exception("from another thread")).Start();
Answer("value", 6);
