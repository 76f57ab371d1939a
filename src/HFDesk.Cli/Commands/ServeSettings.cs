using System.ComponentModel;
using HFDesk.Core.Hub;
using HFDesk.Server;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

internal sealed class ServeSettings : CommonSettings
{
    [CommandOption("--host <ADDRESS>")]
    [Description("Address to listen on (default 127.0.0.1). Anything but loopback needs --auth-user/--auth-pass or --insecure-no-auth.")]
    public string Host { get; init; } = HfDeskServerOptions.DefaultHost;

    [CommandOption("--port <PORT>")]
    [Description("Port to listen on (default 8080; 0 picks a free one).")]
    public int Port { get; init; } = HfDeskServerOptions.DefaultPort;

    [CommandOption("--no-open")]
    [Description("Do not open the browser.")]
    public bool NoOpen { get; init; }

    [CommandOption("--allow-origin <ORIGIN>")]
    [Description("Also accept browser requests from this origin (repeatable), e.g. http://localhost:5173.")]
    public string[] AllowOrigin { get; init; } = [];

    [CommandOption("--auth-user <USER>")]
    [Description("Require HTTP Basic authentication with this user.")]
    public string? AuthUser { get; init; }

    [CommandOption("--auth-pass <PASSWORD>")]
    [Description("Password for --auth-user.")]
    public string? AuthPass { get; init; }

    [CommandOption("--allow-request-local-dir")]
    [Description("Let a download request name its own localDir (it must lie inside localDir or a localScanDirs root).")]
    public bool AllowRequestLocalDir { get; init; }

    [CommandOption("--insecure-no-auth")]
    [Description("Allow a non-loopback --host without authentication.")]
    public bool InsecureNoAuth { get; init; }

    [CommandOption("--hub-endpoint")]
    [Description("Also answer the Hugging Face Hub protocol under /hub, so other machines set HF_ENDPOINT=http://<host>:<port>/hub.")]
    public bool HubEndpoint { get; init; }

    [CommandOption("--hub-offline")]
    [Description("With --hub-endpoint: answer only from the local cache, never fetch from the upstream Hub.")]
    public bool HubOffline { get; init; }

    public HfDeskServerOptions ToServerOptions() => new()
    {
        Host = Host,
        Port = Port,
        AllowedOrigins = AllowOrigin,
        AuthUser = AuthUser,
        AuthPass = AuthPass,
        InsecureNoAuth = InsecureNoAuth,
        // Only what the command line said: the settings store layers HF_ENDPOINT/HF_TOKEN beneath it itself,
        // so their source is reported truthfully (settings' tokenSource/endpointSource).
        Hub = new HubClientOptions { Endpoint = HubClientOptions.NormalizeEndpoint(Endpoint), Token = string.IsNullOrWhiteSpace(Token) ? null : Token.Trim() },
        CacheDir = CacheDir,
        LocalDir = LocalDir,
        DataDir = DataDir,
        AllowRequestLocalDir = AllowRequestLocalDir,
        HubEndpoint = HubEndpoint,
        HubOffline = HubOffline,
    };

    public override ValidationResult Validate()
    {
        var common = base.Validate();
        if (!common.Successful)
        {
            return common;
        }

        foreach (var origin in AllowOrigin)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return ValidationResult.Error($"--allow-origin '{origin}' is not an http(s) origin such as http://localhost:5173.");
            }
        }

        if (HubOffline && !HubEndpoint)
        {
            return ValidationResult.Error("--hub-offline only applies together with --hub-endpoint.");
        }

        return HfDeskServerBinding.TryResolve(ToServerOptions(), out _, out var error)
            ? ValidationResult.Success()
            : ValidationResult.Error(error);
    }

    // The password must not end up in logs or exception dumps that print settings.
    public override string ToString() => $"ServeSettings {{ Host = {Host}, Port = {Port} }}";
}
