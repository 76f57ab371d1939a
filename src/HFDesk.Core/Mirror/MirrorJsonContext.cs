using System.Text.Json.Serialization;

namespace HFDesk.Core.Mirror;

/// <summary>The targets file: camelCase, indented, as the config file next to it.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(MirrorTargetFile))]
[JsonSerializable(typeof(MirrorLockContent))]
internal sealed partial class MirrorJsonContext : JsonSerializerContext;
