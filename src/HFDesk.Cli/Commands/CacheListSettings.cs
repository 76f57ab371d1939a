using System.ComponentModel;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

internal sealed class CacheListSettings : CommonSettings, IJsonOutput
{
    [CommandOption("--type <TYPE>")]
    [Description("Only model or dataset repositories.")]
    public string? Type { get; init; }

    [CommandOption("--search <TEXT>")]
    [Description("Only repositories whose owner/name contains TEXT.")]
    public string? Search { get; init; }

    [CommandOption("--json")]
    [Description("Print the same object as GET /api/cache.")]
    public bool Json { get; init; }
}
