using System.Text.Json;
using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

/// <summary>The mirror contracts (API and <c>hfdesk mirror --json</c>); a context of their own, as each area has.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MirrorTargetListResponse))]
[JsonSerializable(typeof(MirrorTargetRequest))]
[JsonSerializable(typeof(MirrorTargetRemovedResponse))]
[JsonSerializable(typeof(MirrorDiffRequest))]
[JsonSerializable(typeof(MirrorDiffResponse))]
[JsonSerializable(typeof(MirrorOperationRequest))]
[JsonSerializable(typeof(MirrorPlanResponse))]
[JsonSerializable(typeof(MirrorOperationEnvelope))]
[JsonSerializable(typeof(MirrorOperationListResponse))]
[JsonSerializable(typeof(MirrorOperationResponse))]
internal sealed partial class MirrorApiJsonContext : JsonSerializerContext;
