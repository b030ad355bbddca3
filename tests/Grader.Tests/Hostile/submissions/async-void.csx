// expect: rejected
// reason: an async method
// An async void method throws on a thread-pool thread, after the run, outside its time limit.
async void Boom() { throw new ArgumentException("later"); }
Boom();
Answer("value", 6);
