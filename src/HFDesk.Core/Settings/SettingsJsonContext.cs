using System.Text.Json.Serialization;

namespace HFDesk.Core.Settings;

/// <summary>The config file format: the configured layer only, camelCase, enums as lowercase words.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(HfDeskSettings))]
internal sealed partial class SettingsJsonContext : JsonSerializerContext;
