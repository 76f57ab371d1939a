using System.Text.Json.Serialization;

namespace HFDesk.Core.HubServing;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KeptRepo))]
internal sealed partial class HubServingJsonContext : JsonSerializerContext;
