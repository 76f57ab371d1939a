using System.Text.Json;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Analysis;

/// <summary>The small JSON files detection looks at, parsed; any that is missing, too big or not JSON is null.</summary>
internal sealed class RepoMetadata
{
    public const string ConfigFile = "config.json";
    public const string ModelIndexFile = "model_index.json";
    public const string AdapterConfigFile = "adapter_config.json";
    public const string QuantizeConfigFile = "quantize_config.json";
    public const string QuantConfigFile = "quant_config.json";
    public const string PreprocessorConfigFile = "preprocessor_config.json";

    private static readonly string[] Wanted =
        [ConfigFile, ModelIndexFile, AdapterConfigFile, QuantizeConfigFile, QuantConfigFile, PreprocessorConfigFile];

    private readonly Dictionary<string, JsonElement> _documents;

    private RepoMetadata(Dictionary<string, JsonElement> documents)
    {
        _documents = documents;
    }

    public static RepoMetadata Empty { get; } = new(new Dictionary<string, JsonElement>(StringComparer.Ordinal));

    public JsonElement? Config => Get(ConfigFile);

    public JsonElement? ModelIndex => Get(ModelIndexFile);

    public JsonElement? AdapterConfig => Get(AdapterConfigFile);

    public JsonElement? QuantizeConfig => Get(QuantizeConfigFile) ?? Get(QuantConfigFile);

    public JsonElement? PreprocessorConfig => Get(PreprocessorConfigFile);

    public static async Task<RepoMetadata> LoadAsync(
        IReadOnlyList<RepoFile> files,
        MetadataFileReader? reader,
        long maxBytes,
        CancellationToken cancellationToken)
    {
        var documents = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (reader is null)
        {
            return new RepoMetadata(documents);
        }

        // Only root-level files: a config.json inside onnx/ or text_encoder/ describes a part, not the repo.
        var wanted = files.Where(f => Wanted.Contains(f.Path, StringComparer.Ordinal) && f.Size <= maxBytes).ToList();
        var texts = await Task.WhenAll(wanted.Select(f => reader(f.Path, cancellationToken)));
        for (var i = 0; i < wanted.Count; i++)
        {
            var text = texts[i];
            if (text is null || text.Length > maxBytes)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    documents[wanted[i].Path] = document.RootElement.Clone();
                }
            }
            catch (JsonException)
            {
                // A broken config must not break the analysis: detection falls back to the file names.
            }
        }

        return new RepoMetadata(documents);
    }

    private JsonElement? Get(string path) => _documents.TryGetValue(path, out var element) ? element : null;
}
