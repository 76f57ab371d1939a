using System.Text.Json.Serialization;

namespace HFDesk.Cli.Rendering;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DownloadEventLine))]
[JsonSerializable(typeof(DownloadSummary))]
[JsonSerializable(typeof(DownloadPlanOutput))]
internal sealed partial class DownloadJsonContext : JsonSerializerContext;
