namespace HFDesk.Core.Gguf;

/// <summary>What <see cref="GgufMetadataReader"/> found in a GGUF header.</summary>
internal sealed record GgufMetadata
{
    public required GgufReadStatus Status { get; init; }

    /// <summary>Why the header was refused (with <see cref="GgufReadStatus.Invalid"/>).</summary>
    public string? Error { get; init; }

    public uint Version { get; init; }

    public long TensorCount { get; init; }

    /// <summary>How many keys the header announces (more than <see cref="Values"/> holds when partial).</summary>
    public long KeyCount { get; init; }

    public IReadOnlyDictionary<string, GgufValue> Values { get; init; } = new Dictionary<string, GgufValue>(StringComparer.Ordinal);

    public string? Architecture => Get("general.architecture")?.AsString();

    public GgufValue? Get(string key) => Values.TryGetValue(key, out var value) ? value : null;

    /// <summary>An architecture-scoped integer such as <c>llama.block_count</c>.</summary>
    public long? GetArchitectureInt64(string suffix) =>
        Architecture is { } arch ? Get($"{arch}.{suffix}")?.AsInt64() : null;

    public static GgufMetadata Invalid(string error) => new() { Status = GgufReadStatus.Invalid, Error = error };
}
