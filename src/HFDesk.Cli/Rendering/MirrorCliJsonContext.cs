using System.Text.Json;
using System.Text.Json.Serialization;

namespace HFDesk.Cli.Rendering;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MirrorJsonLine))]
internal sealed partial class MirrorCliJsonContext : JsonSerializerContext;
