// Found by a review of the policy's fast path: the fast path and the whole check must give the same verdict.
var a = new[]{1,2,3,4};
Answer("a", System.Runtime.CompilerServices.RuntimeHelpers.GetSubArray(a, 1..3));
