using System.Text.Json;
using System.Text.Json.Serialization;
using HFDesk.Server.Realtime;

namespace HFDesk.Server.Contracts;

/// <summary>
/// The one serializer of /api, <c>/api/ws</c> and the CLI's <c>--json</c>: every request and response type is listed
/// here and the server resolves JSON through nothing else, so a type left out fails on its first use instead of
/// falling back to reflection with other names. Analyze's snake_case is spelled on its records, not by a policy.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
// Errors and health
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(HealthResponse))]
// Search, analyze, plan, download, jobs, history
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(AnalyzeResponse))]
[JsonSerializable(typeof(DownloadRequestBody))]
[JsonSerializable(typeof(PlanResponse))]
[JsonSerializable(typeof(JobResponse))]
[JsonSerializable(typeof(JobListResponse))]
[JsonSerializable(typeof(DuplicateDownloadResponse))]
[JsonSerializable(typeof(HistoryResponse))]
// Settings, system, disk
[JsonSerializable(typeof(SettingsResponse))]
[JsonSerializable(typeof(SettingsSavedResponse))]
[JsonSerializable(typeof(SettingsUpdateRequest))]
[JsonSerializable(typeof(SystemResponse))]
[JsonSerializable(typeof(DiskFreeResponse))]
// Cache
[JsonSerializable(typeof(CacheListResponse))]
[JsonSerializable(typeof(CacheDetailResponse))]
[JsonSerializable(typeof(CacheRebuildRequest))]
[JsonSerializable(typeof(CacheRebuildResponse))]
[JsonSerializable(typeof(CacheDeleteResponse))]
// Mirror
[JsonSerializable(typeof(MirrorTargetListResponse))]
[JsonSerializable(typeof(MirrorTargetRequest))]
[JsonSerializable(typeof(MirrorTargetResponse))]
[JsonSerializable(typeof(MirrorTargetRemovedResponse))]
[JsonSerializable(typeof(MirrorDiffRequest))]
[JsonSerializable(typeof(MirrorDiffResponse))]
[JsonSerializable(typeof(MirrorOperationRequest))]
[JsonSerializable(typeof(MirrorPlanResponse))]
[JsonSerializable(typeof(MirrorOperationEnvelope))]
[JsonSerializable(typeof(MirrorOperationListResponse))]
[JsonSerializable(typeof(MirrorOperationResponse))]
// Hub endpoint
[JsonSerializable(typeof(HubEndpointStatsResponse))]
// WebSocket messages
[JsonSerializable(typeof(RealtimeMessage<RealtimeStatusData>))]
[JsonSerializable(typeof(RealtimeMessage<JobResponse>))]
[JsonSerializable(typeof(RealtimeMessage<RealtimeEventData>))]
[JsonSerializable(typeof(RealtimeMessage<RealtimeMirrorEventData>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
