using System.ComponentModel;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

internal sealed class CacheRebuildSettings : CommonSettings, IJsonOutput
{
    [CommandOption("--clean")]
    [Description("Also remove friendly-view folders whose HF cache entry is gone, and dangling links.")]
    public bool Clean { get; init; }

    [CommandOption("--json")]
    [Description("Print the same object as POST /api/cache/rebuild.")]
    public bool Json { get; init; }
}
