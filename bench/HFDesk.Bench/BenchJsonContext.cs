using System.Text.Json.Serialization;

namespace HFDesk.Bench;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WorkerSummary))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
