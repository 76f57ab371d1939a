using System.ComponentModel;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary>Options of every <c>hfdesk mirror</c> command.</summary>
internal class MirrorSettings : CommonSettings, IJsonOutput
{
    [CommandOption("--json")]
    [Description("Print JSON (the API's objects; push and pull print one event per line, then the final operation).")]
    public bool Json { get; init; }
}
