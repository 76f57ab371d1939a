using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

/// <summary>Analyze answers in snake_case, as the seed contract shows them; the CLI's <c>--json</c> uses the same.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(AnalyzeResponse))]
internal sealed partial class AnalyzeJsonContext : JsonSerializerContext;
