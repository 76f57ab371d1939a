using System.ComponentModel;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary><c>mirror remove|diff &lt;target&gt;</c>; diff also takes <c>--repo</c>.</summary>
internal class MirrorTargetSettings : MirrorSettings
{
    [CommandArgument(0, "<target>")]
    [Description("A configured target name (see `hfdesk mirror targets`).")]
    public string Target { get; init; } = "";

    [CommandOption("--repo <FILTER>")]
    [Description("Only repos whose owner/name contains FILTER (case-insensitive; '*' is a wildcard).")]
    public string? Repo { get; init; }
}
