using HFDesk.Cli.Rendering;
using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Server.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary><c>hfdesk search</c>: the same search, validation and answer as <c>GET /api/search</c>.</summary>
internal sealed class SearchCommand(IAnsiConsole console) : AsyncCommand<SearchSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SearchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!SearchRequestValidator.TryValidate(
                settings.QueryText,
                settings.Datasets ? "true" : "false",
                settings.Sort,
                settings.Limit,
                settings.Filter,
                settings.Author,
                out var request,
                out var error))
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {error}");
            return ExitCodes.Usage;
        }

        if (await settings.LoadHubClientOptionsAsync(console, cancellationToken) is not { } hubOptions)
        {
            return ExitCodes.Usage;
        }

        using var factory = new HubClientFactory(new FixedHubClientOptionsProvider(hubOptions));
        IReadOnlyList<RepoInfo> found;
        try
        {
            found = await new RepoSearch(factory.Create()).FindAsync(request.Query, cancellationToken);
        }
        catch (HubException ex)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {ex.Message}");
            return ExitCodes.Failed;
        }

        var items = found.Select(info => info.ToSearchItem(LocalRepoPresence.Absent)).ToList();
        if (settings.Json)
        {
            await JsonOutput.WriteAsync(console, new SearchResponse(items, items.Count), ApiJsonContext.Default.SearchResponse, cancellationToken);
            return ExitCodes.Ok;
        }

        if (items.Count == 0)
        {
            console.MarkupLine("[yellow]No repositories found.[/]");
            return ExitCodes.Ok;
        }

        console.Write(SearchResultsTable.Render(items));
        return ExitCodes.Ok;
    }
}
