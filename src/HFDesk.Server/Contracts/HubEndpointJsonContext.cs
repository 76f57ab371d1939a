using System.Text.Json;
using System.Text.Json.Serialization;

namespace HFDesk.Server.Contracts;

/// <summary>The hub endpoint's /api contracts; a context of their own so areas do not edit the same lines.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HubEndpointStatsResponse))]
internal sealed partial class HubEndpointJsonContext : JsonSerializerContext;
