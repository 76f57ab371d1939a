using HFDesk.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli;

/// <summary>The command tree, shared by Program and the tests so both run exactly the same configuration.</summary>
internal static class HfDeskCommandApp
{
    public static ICommandApp Create()
    {
        var app = new CommandApp<ServeCommand>();
        app.Configure(Configure);
        return app;
    }

    public static void Configure(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.SetApplicationName("hfdesk");
        config.SetApplicationVersion(VersionCommand.CurrentVersion);
        config.CancellationExitCode(ExitCodes.Cancelled);
        // An unknown flag is a mistake to report, not something to ignore while starting a server.
        config.UseStrictParsing();
        config.SetExceptionHandler(HandleException);
        config.Settings.Registrar.RegisterInstance<TimeProvider>(TimeProvider.System);

        config.AddCommand<ServeCommand>("serve")
            .WithDescription("Run the HFDesk web server and UI (the default command).")
            .WithExample("serve", "--port", "8080", "--no-open");
        config.AddCommand<SearchCommand>("search")
            .WithDescription("Search models or datasets on the Hub.")
            .WithExample("search", "qwen", "gguf", "--sort", "likes", "--limit", "10");
        config.AddCommand<DownloadCommand>("download")
            .WithDescription("Download a model or dataset into the HF cache (or --local-dir); Ctrl-C pauses, running again resumes.")
            .WithExample("download", "unsloth/Qwen3-8B-GGUF:Q4_K_M")
            .WithExample("download", "acme/tiny", "-F", "config.json,model.safetensors", "--json");
        config.AddBranch("cache", cache =>
        {
            cache.SetDescription("Browse and manage what is on disk: the HF cache, the friendly view and local folders.");
            cache.AddCommand<CacheListCommand>("list").WithDescription("List cached repositories.");
            cache.AddCommand<CacheShowCommand>("show").WithDescription("Show one repository: snapshots and files.")
                .WithExample("cache", "show", "Qwen/Qwen3-8B-GGUF");
            cache.AddCommand<CacheRemoveCommand>("rm").WithDescription("Delete one copy of a repository: the HF cache entry (default), the friendly view, or a localDir folder HFDesk wrote (--source, --path).")
                .WithExample("cache", "rm", "Qwen/Qwen3-8B-GGUF");
            cache.AddCommand<CacheRebuildCommand>("rebuild").WithDescription("Recreate the friendly view from the HF cache (--clean removes orphans).");
        });
        config.AddBranch("mirror", mirror =>
        {
            mirror.SetDescription("Keep a second Hugging Face cache (NAS, USB drive, another disk) in step, both ways.");
            mirror.AddCommand<MirrorTargetsCommand>("targets").WithDescription("List mirror targets: free space, symlink support.");
            mirror.AddCommand<MirrorAddCommand>("add").WithDescription("Add a target folder T (its cache is T/hub).")
                .WithExample("mirror", "add", "nas", "/mnt/nas/hf", "--description", "the NAS");
            mirror.AddCommand<MirrorRemoveCommand>("remove").WithDescription("Forget a target (its files are not touched).");
            mirror.AddCommand<MirrorDiffCommand>("diff").WithDescription("Compare the hub cache with a target, repo by repo.")
                .WithExample("mirror", "diff", "nas", "--repo", "qwen");
            mirror.AddCommand<MirrorPushCommand>("push").WithDescription("Copy what the target lacks (hub cache → target).")
                .WithExample("mirror", "push", "nas", "--dry-run");
            mirror.AddCommand<MirrorPullCommand>("pull").WithDescription("Copy what the hub cache lacks (target → hub cache).");
        });
        config.AddCommand<AnalyzeCommand>("analyze")
            .WithDescription("Show what a repository holds and what to download.")
            .WithExample("analyze", "unsloth/Qwen3-8B-GGUF");
        config.AddCommand<VersionCommand>("version").WithDescription("Print the HFDesk version.");
    }

    /// <summary>Usage errors (bad flags, failed validation) exit 2; cancellation 130; anything else 1.</summary>
    private static int HandleException(Exception exception, ITypeResolver? resolver)
    {
        var console = resolver?.Resolve(typeof(IAnsiConsole)) as IAnsiConsole ?? AnsiConsole.Console;
        switch (exception)
        {
            case OperationCanceledException:
                return ExitCodes.Cancelled;
            case CommandAppException usage:
                if (usage.Pretty is { } pretty)
                {
                    console.Write(pretty);
                }
                else
                {
                    console.MarkupLineInterpolated($"[red]Error:[/] {usage.Message}");
                }

                return ExitCodes.Usage;
            default:
                console.MarkupLineInterpolated($"[red]Error:[/] {exception.Message}");
                return ExitCodes.Failed;
        }
    }
}
