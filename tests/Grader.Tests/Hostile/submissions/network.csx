// expect: rejected
// reason: System.Net
var client = new System.Net.Http.HttpClient();
Answer("value", 6);
