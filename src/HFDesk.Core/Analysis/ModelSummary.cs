namespace HFDesk.Core.Analysis;

/// <summary>The <c>model</c> block: what config.json and the weight files say about a non-GGUF model.</summary>
internal sealed record ModelSummary
{
    public IReadOnlyList<string> Architectures { get; init; } = [];

    public string? ModelType { get; init; }

    public string? QuantizationMethod { get; init; }

    public int? QuantizationBits { get; init; }

    public string? BaseModel { get; init; }

    public IReadOnlyList<string> Formats { get; init; } = [];
}
