namespace HFDesk.Server.Contracts;

internal sealed record AnalyzeModel(
    IReadOnlyList<string> Architectures,
    string? ModelType,
    string? QuantizationMethod,
    int? QuantizationBits,
    string? BaseModel,
    IReadOnlyList<string> Formats);
