// Answers two of four parts, with a typo in one part id; GradV is not written.
Answer("b-hidden", new[,] { { 0.5225, 0.5200, 0.5175 }, { 0.5300, 0.5250, 0.5200 }, { 0.5275, 0.5225, 0.5250 } });
Answer("b-los", 281.70);
Console.WriteLine("still working on GradV");
