using System.ComponentModel;
using HFDesk.Cli.Rendering;
using HFDesk.Core.Analysis;
using HFDesk.Core.Hub;
using HFDesk.Core.Machine;
using HFDesk.Core.Settings;
using HFDesk.Server.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary>
/// <c>hfdesk analyze</c>: what a repository holds and what to download, as a table or as the same JSON
/// <c>GET /api/analyze</c> answers.
/// </summary>
internal sealed class AnalyzeCommand(IAnsiConsole console) : AsyncCommand<AnalyzeCommand.Settings>
{
    internal sealed class Settings : CommonSettings, IJsonOutput
    {
        [CommandArgument(0, "<REPO>")]
        [Description("owner/name, name (gpt2), datasets/owner/name, or a Hub URL")]
        public string Repo { get; init; } = "";

        [CommandOption("-r|--revision <REV>")]
        [Description("Branch, tag, 40-hex commit or refs/pr/N (default main)")]
        public string Revision { get; init; } = RemoteRepoAnalyzer.DefaultRevision;

        [CommandOption("--dataset")]
        [Description("Analyze the dataset with this id")]
        public bool Dataset { get; init; }

        [CommandOption("--json")]
        [Description("Print the analysis as JSON (the API's snake_case shape)")]
        public bool Json { get; init; }

        [CommandOption("--context <TOKENS>")]
        [Description("Context the GGUF memory estimates assume (default: 4096, or the model's trained context if shorter)")]
        public long? Context { get; init; }

        public override ValidationResult Validate()
        {
            var common = base.Validate();
            if (!common.Successful)
            {
                return common;
            }

            if (Context is < 256 or > 10_000_000)
            {
                return ValidationResult.Error("--context must be 256 to 10000000 tokens");
            }

            if (string.IsNullOrWhiteSpace(Revision))
            {
                return ValidationResult.Error("--revision must not be empty");
            }

            try
            {
                return HubRepoReference.ParseArgument(Repo) is null
                    ? ValidationResult.Error($"'{Repo}' is not a repository id (owner/name)")
                    : ValidationResult.Success();
            }
            catch (FormatException e)
            {
                return ValidationResult.Error(e.Message);
            }
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reference = HubRepoReference.ParseArgument(settings.Repo)!;
        var dataset = settings.Dataset || reference.Type == RepoType.Dataset;
        if (await settings.LoadHubClientOptionsAsync(console, cancellationToken) is not { } hubOptions)
        {
            return ExitCodes.Usage;
        }

        using var factory = new HubClientFactory(new FixedHubClientOptionsProvider(hubOptions));
        RepoAnalysis analysis;
        try
        {
            // Fit badges as the server computes them: this machine, unless the hardware setting says otherwise.
            var store = await SettingsStore.OpenAsync(settings.ToSettingsOverrides(), HfEnvironment.FromProcess(), cancellationToken);
            var budget = MemoryBudget.From(await new MachineProbe().MeasureAsync(cancellationToken), store.Current.Hardware);
            analysis = await new RemoteRepoAnalyzer(factory.Create(), TimeProvider.System)
                .AnalyzeAsync(reference.Repo, dataset, settings.Revision, budget, settings.Context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
        catch (HubException e)
        {
            console.MarkupLineInterpolated($"[red]Error:[/] {e.Message}");
            if (e.RepoUrl is not null)
            {
                console.MarkupLineInterpolated($"Repository page: {e.RepoUrl}");
            }

            return ExitCodes.Failed;
        }

        if (settings.Json)
        {
            await JsonOutput.WriteAsync(console, analysis.ToResponse(), ApiJsonContext.Default.AnalyzeResponse, cancellationToken);
        }
        else
        {
            AnalysisView.Render(console, analysis);
        }

        return ExitCodes.Ok;
    }
}
