using System.Text.Json.Serialization;

namespace HFDesk.Core.Storage;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(DownloadManifest))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
