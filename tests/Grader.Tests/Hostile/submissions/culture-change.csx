// expect: rejected
// reason: System.Globalization
// Would change number formatting for the next submission run by the same worker.
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = new System.Globalization.CultureInfo("de-DE");
Answer("value", 6);
