using System.ComponentModel;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

internal sealed class MirrorAddSettings : MirrorSettings
{
    [CommandArgument(0, "<name>")]
    [Description("Target name: letters, digits, '-' and '_' (at most 64).")]
    public string Name { get; init; } = "";

    [CommandArgument(1, "<path>")]
    [Description("The target folder T (absolute); its cache is T/hub.")]
    public string Path { get; init; } = "";

    [CommandOption("--description <TEXT>")]
    public string? Description { get; init; }
}
