// Answers data set 1 only, and leaves out its output bias.
Answer("a-dataset-1.W1", new[] { -7.82455998e-01, -5.16665284e-01, 1.32120087e+00, -3.55189485e+00 });
Answer("a-dataset-1.b1", new[] { 6.25964798e+00, 3.09863545e+00, -1.05696070e+01, 1.42169031e+01 });
Answer("a-dataset-1.w2", new[] { 2.55605428e+00, -7.76233237e+00, 1.51377436e+00, 1.12912342e+00 });
