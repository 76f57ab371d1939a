using System.Text.Json.Serialization;
using HFDesk.Core.Storage;

namespace HFDesk.Bench.CacheScan;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(DownloadManifest))]
internal sealed partial class CacheScanJsonContext : JsonSerializerContext;
