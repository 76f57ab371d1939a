using System.ComponentModel;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

internal sealed class MirrorRunSettings : MirrorTargetSettings
{
    [CommandOption("--dry-run")]
    [Description("Print the exact plan as a table and change nothing.")]
    public bool DryRun { get; init; }

    [CommandOption("--verify")]
    [Description("Hash every file while copying it and compare with its blob name; a mismatch is published nowhere.")]
    public bool Verify { get; init; }

    [CommandOption("--delete-extra")]
    [Description("After every copy succeeded, remove repos that exist only at the destination (refused for an empty source).")]
    public bool DeleteExtra { get; init; }

    [CommandOption("--force")]
    [Description("Copy every selected file again, even when name and size match.")]
    public bool Force { get; init; }
}
