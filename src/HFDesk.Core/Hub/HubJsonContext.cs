using System.Text.Json.Serialization;

namespace HFDesk.Core.Hub;

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(RepoInfo))]
[JsonSerializable(typeof(List<RepoInfo>))]
[JsonSerializable(typeof(RepoRefs))]
[JsonSerializable(typeof(List<HubTreeEntry>))]
internal sealed partial class HubJsonContext : JsonSerializerContext;
