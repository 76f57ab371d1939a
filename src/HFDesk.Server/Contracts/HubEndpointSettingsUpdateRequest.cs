namespace HFDesk.Server.Contracts;

/// <summary><c>hubEndpoint</c> in <c>POST /api/settings</c>: null fields keep their value.</summary>
internal sealed record HubEndpointSettingsUpdateRequest
{
    public bool? Enabled { get; init; }

    public string? Mode { get; init; }

    /// <summary>The whole new list; an entry that is a masked echo from GET keeps the token it masks.</summary>
    public IReadOnlyList<string>? Tokens { get; init; }

    public bool? Anonymous { get; init; }

    public IReadOnlyList<string>? AllowPrivate { get; init; }
}
