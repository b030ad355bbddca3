// expect: rejected
// reason: System.Diagnostics
System.Diagnostics.Process.Start("sh", "-c \"rm -rf /tmp/x\"");
Answer("value", 6);
