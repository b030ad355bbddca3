// The interpolation handler named on the dead side of a constant condition.
const bool Off = false;
Answer("a", Off ? new System.Runtime.CompilerServices.DefaultInterpolatedStringHandler(0, 0).ToStringAndClear().Length : 0);
