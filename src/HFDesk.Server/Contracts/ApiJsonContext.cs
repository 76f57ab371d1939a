using System.Text.Json;
using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

/// <summary>Source-generated JSON for the camelCase API contracts (analyze's snake_case types bring their own names).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(SystemResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
