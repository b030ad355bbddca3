using System.Text.Json.Serialization;

namespace Grader.Protocol;

/// <summary>
/// How requests and results cross the process boundary. Source-generated, so that a runner process that
/// lives for one submission does not spend its start-up warming a reflection-based serializer.
/// </summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunRequest))]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(CompileReply))]
[JsonSerializable(typeof(ReadyReply))]
public sealed partial class RunJson : JsonSerializerContext;
