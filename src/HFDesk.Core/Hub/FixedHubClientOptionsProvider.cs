namespace HFDesk.Core.Hub;

/// <summary>Options that never change: the CLI's one-shot commands and tests.</summary>
internal sealed class FixedHubClientOptionsProvider(HubClientOptions options) : IHubClientOptionsProvider
{
    public HubClientOptions Current { get; } = options;
}
