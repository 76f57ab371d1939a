using System.Text.Json;
using System.Text.Json.Serialization;
using HFDesk.Core.Settings;

namespace HFDesk.Server.Contracts;

/// <summary>The settings, cache and disk contracts; a context of their own so areas do not edit the same lines of <see cref="ApiJsonContext"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SettingsResponse))]
[JsonSerializable(typeof(SettingsSavedResponse))]
[JsonSerializable(typeof(SettingsUpdate))]
[JsonSerializable(typeof(CacheListResponse))]
[JsonSerializable(typeof(CacheDetailResponse))]
[JsonSerializable(typeof(CacheRebuildRequest))]
[JsonSerializable(typeof(CacheRebuildResponse))]
[JsonSerializable(typeof(CacheDeleteResponse))]
[JsonSerializable(typeof(DiskFreeResponse))]
internal sealed partial class SettingsCacheJsonContext : JsonSerializerContext;
