using HFDesk.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("hfdesk");
    config.AddCommand<AnalyzeCommand>("analyze").WithDescription("Show what a repository holds and what to download.");
    config.AddCommand<VersionCommand>("version").WithDescription("Print the HFDesk version.");
});
return await app.RunAsync(args);
