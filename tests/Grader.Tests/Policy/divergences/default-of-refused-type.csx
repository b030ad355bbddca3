// default(T) of a type the policy refuses: a null, naming nothing in the compiled code.
object o = default(Type); Answer("a", o == null ? 1 : 0);
