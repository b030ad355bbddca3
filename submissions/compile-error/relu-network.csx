// Does not compile: `hidden` is never declared.
Answer("c-preactivation", new double[] { -1, 3, 1, -1 });
Answer("c-hidden", hidden);
