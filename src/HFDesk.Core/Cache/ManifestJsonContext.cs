using System.Text.Json.Serialization;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Cache;

/// <summary>
/// Reads <c>.hfdesk-manifest.json</c>. Lenient about property case and enum form so a manifest from an
/// older or newer writer still tells complete from filtered.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UseStringEnumConverter = true,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(DownloadManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
