namespace HFDesk.Core.Settings;

/// <summary>
/// The <c>/hub</c> endpoint (api.md § Hub endpoint): off by default. <see cref="Tokens"/> are the LAN tokens clients
/// send as <c>Authorization: Bearer …</c>; they are never the upstream Hub token.
/// </summary>
internal sealed record HubEndpointSettings
{
    public const string PullThroughMode = "pull-through";

    public const string OfflineMode = "offline";

    public bool Enabled { get; init; }

    /// <summary><see cref="PullThroughMode"/> or <see cref="OfflineMode"/>.</summary>
    public string Mode { get; init; } = PullThroughMode;

    public IReadOnlyList<string> Tokens { get; init; } = [];

    /// <summary>Lets clients without a token read public repos (only honoured on a loopback-only server).</summary>
    public bool Anonymous { get; init; }

    /// <summary>Repo ids (<c>owner/name</c>) whose private or gated files offline mode may serve to authenticated clients.</summary>
    public IReadOnlyList<string> AllowPrivate { get; init; } = [];

    public bool IsOffline => Mode == OfflineMode;
}
