// The dead side of a constant condition is left out without CS0162: the fast path must defer to the whole check.
Answer("a", false ? Environment.ProcessorCount : 0);
