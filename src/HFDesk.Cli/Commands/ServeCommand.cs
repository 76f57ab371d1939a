using System.Net;
using HFDesk.Cli.Platform;
using HFDesk.Server;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary><c>hfdesk serve</c> (the default command): runs the web server until Ctrl-C.</summary>
internal sealed class ServeCommand(IAnsiConsole console) : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var app = HfDeskServer.Build(settings.ToServerOptions());
        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                if (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
                {
                    // One line that fits 80 columns: the usual mistake is a second `hfdesk serve`.
                    console.MarkupLineInterpolated($"[red]Error:[/] port {settings.Port} on {settings.Host} is already in use; pick another with --port");
                    return ExitCodes.Failed;
                }

                console.MarkupLineInterpolated($"[red]Error:[/] could not listen on {settings.Host}:{settings.Port}: {ex.Message}");
                return ExitCodes.Failed;
            }

            var url = BrowsableUrl(new Uri(app.Urls.First()));
            console.MarkupLineInterpolated($"HFDesk {HfDeskServer.Version} is running at [link={url}]{url}[/]");
            console.MarkupLine("[grey]Press Ctrl+C to stop.[/]");
            if (!settings.NoOpen && BrowserLauncher.HasDisplay && !BrowserLauncher.TryOpen(url))
            {
                console.MarkupLine("[grey]Could not open a browser; open the URL above.[/]");
            }

            try
            {
                await app.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C is how a server is meant to stop.
            }

            await app.StopAsync(CancellationToken.None);
        }

        console.MarkupLine("HFDesk stopped.");
        return ExitCodes.Ok;
    }

    /// <summary>A wildcard bind (0.0.0.0, ::) is not an address a browser can open; loopback reaches it.</summary>
    private static Uri BrowsableUrl(Uri bound)
    {
        if (IPAddress.TryParse(bound.Host.Trim('[', ']'), out var address)
            && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)))
        {
            return new UriBuilder(bound) { Host = "127.0.0.1" }.Uri;
        }

        return bound;
    }
}
