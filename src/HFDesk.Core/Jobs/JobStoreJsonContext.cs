using System.Text.Json.Serialization;

namespace HFDesk.Core.Jobs;

/// <summary>The persisted form of a job row (not the API shape; the server maps that itself).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(RepoIdJsonConverter), typeof(JobIdJsonConverter)])]
[JsonSerializable(typeof(Job))]
internal sealed partial class JobStoreJsonContext : JsonSerializerContext;
