using System.ComponentModel;
using HFDesk.Core.Hub;
using HFDesk.Core.Settings;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary>
/// Options every command takes. Flags beat the environment (<c>HF_ENDPOINT</c>, <c>HF_TOKEN</c>), which beats
/// the config file; the token falls back to the Hugging Face token file last.
/// </summary>
internal class CommonSettings : CommandSettings
{
    [CommandOption("--cache-dir <DIR>")]
    [Description("HF cache root (like HF_HOME); the hub cache is <DIR>/hub unless HF_HUB_CACHE is set.")]
    public string? CacheDir { get; init; }

    [CommandOption("--local-dir <DIR>")]
    [Description("Download real files under <DIR>/<owner>/<name> (LM Studio layout) instead of the HF cache.")]
    public string? LocalDir { get; init; }

    [CommandOption("--endpoint <URL>")]
    [Description("Hub endpoint (default: HF_ENDPOINT, else https://huggingface.co).")]
    public string? Endpoint { get; init; }

    [CommandOption("--token <TOKEN>")]
    [Description("Hub access token (default: HF_TOKEN, else the Hugging Face token file of `hf auth login`). Only ever sent to the endpoint's host.")]
    public string? Token { get; init; }

    [CommandOption("--data-dir <DIR>")]
    [Description("HFDesk's own config and state (default: HFDESK_DATA_DIR, else the platform config folder).")]
    public string? DataDir { get; init; }

    public string EffectiveEndpoint => HubClientOptions.NormalizeEndpoint(
        FirstNonEmpty(Endpoint, Environment.GetEnvironmentVariable("HF_ENDPOINT")));

    /// <summary>
    /// Endpoint, token and proxy as the settings store layers them (flags, environment, config file, then the
    /// Hugging Face token file), so every command sends the same token a download would.
    /// </summary>
    /// <returns>The options, or null after telling the user which command-line value is invalid (a usage error).</returns>
    public async Task<HubClientOptions?> LoadHubClientOptionsAsync(IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        try
        {
            var store = await SettingsStore.OpenAsync(ToSettingsOverrides(), HfEnvironment.FromProcess(), cancellationToken);
            return new SettingsHubClientOptionsProvider(store).Current;
        }
        catch (ArgumentException e)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {e.Message}");
            return null;
        }
    }

    /// <summary>The command-line layer of the settings (the store adds environment, config file and defaults beneath it).</summary>
    public SettingsOverrides ToSettingsOverrides() => new()
    {
        CacheDir = CacheDir,
        LocalDir = LocalDir,
        Endpoint = Endpoint,
        Token = Token,
        DataDir = DataDir,
    };

    public override ValidationResult Validate()
    {
        if (!Uri.TryCreate(EffectiveEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            return ValidationResult.Error($"The endpoint '{EffectiveEndpoint}' is not an http(s) URL.");
        }

        return ValidationResult.Success();
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
