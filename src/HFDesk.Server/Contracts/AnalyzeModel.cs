using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

internal sealed record AnalyzeModel(
    IReadOnlyList<string> Architectures,
    [property: JsonPropertyName("model_type")] string? ModelType,
    [property: JsonPropertyName("quantization_method")] string? QuantizationMethod,
    [property: JsonPropertyName("quantization_bits")] int? QuantizationBits,
    [property: JsonPropertyName("base_model")] string? BaseModel,
    IReadOnlyList<string> Formats);
