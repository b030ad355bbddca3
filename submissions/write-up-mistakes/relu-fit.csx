// The write-up's fitted parameters (seed 000, problem 3 A): these are right.
Answer("a-dataset-1.W1", new[] { -7.82455998e-01, -5.16665284e-01, 1.32120087e+00, -3.55189485e+00 });
Answer("a-dataset-1.b1", new[] { 6.25964798e+00, 3.09863545e+00, -1.05696070e+01, 1.42169031e+01 });
Answer("a-dataset-1.w2", new[] { 2.55605428e+00, -7.76233237e+00, 1.51377436e+00, 1.12912342e+00 });
Answer("a-dataset-1.b2", 2.69958647e-11);

Answer("a-dataset-2.W1", new[] { -0.35614338, 0.05176055, 0.04679073, 4.26739128 });
Answer("a-dataset-2.b1", new[] { 1.06854914, 0.69438611, 0.33182292, -21.3355306 });
Answer("a-dataset-2.w2", new[] { -5.61759265, -20.45828289, 1.24519253, 0.46882705 });
Answer("a-dataset-2.b2", 19.79543786);
