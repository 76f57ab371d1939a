using System.ComponentModel;
using HFDesk.Core.Units;
using Spectre.Console;
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

    [CommandOption("--fsync")]
    [Description("Wait for the disk before publishing each file, so a power cut or an unplugged drive cannot leave a damaged file under its final name (slower).")]
    public bool Fsync { get; init; }

    [CommandOption("--delete-extra")]
    [Description("After every copy succeeded, remove repos that exist only at the destination (refused for an empty source).")]
    public bool DeleteExtra { get; init; }

    [CommandOption("--max-speed <SPEED>")]
    [Description("Bandwidth limit for this run, e.g. 20MB or 5MiB (per second), so a NAS link stays usable; 0 = unlimited.")]
    public string? MaxSpeed { get; init; }

    [CommandOption("--force")]
    [Description("Copy every selected file again, even when name and size match.")]
    public bool Force { get; init; }

    public override ValidationResult Validate() =>
        MaxSpeed is not null && !ByteSize.TryParse(MaxSpeed, out _)
            ? ValidationResult.Error($"--max-speed '{MaxSpeed}' is not a size per second such as 20MB or 5MiB")
            : base.Validate();
}
