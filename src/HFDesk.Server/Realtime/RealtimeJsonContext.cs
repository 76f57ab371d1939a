using System.Text.Json;
using System.Text.Json.Serialization;

namespace HFDesk.Server.Realtime;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RealtimeMessage<RealtimeStatusData>))]
[JsonSerializable(typeof(RealtimeMessage<JobResponse>))]
[JsonSerializable(typeof(RealtimeMessage<RealtimeEventData>))]
[JsonSerializable(typeof(RealtimeMessage<RealtimeMirrorEventData>))]
internal sealed partial class RealtimeJsonContext : JsonSerializerContext;
