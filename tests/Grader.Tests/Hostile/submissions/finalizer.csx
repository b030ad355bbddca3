// expect: rejected
// reason: finalizer
class Sneaky { ~Sneaky() { Console.WriteLine("late"); } }
Answer("value", 6);
