namespace HFDesk.Core.Settings;

/// <summary>A partial change of <see cref="HubEndpointSettings"/>: null fields keep their value.</summary>
internal sealed record HubEndpointSettingsUpdate
{
    public bool? Enabled { get; init; }

    public string? Mode { get; init; }

    /// <summary>The whole new list. An entry that is a masked echo from GET keeps the token it masks, so a client can drop one.</summary>
    public IReadOnlyList<string>? Tokens { get; init; }

    public bool? Anonymous { get; init; }

    public IReadOnlyList<string>? AllowPrivate { get; init; }
}
