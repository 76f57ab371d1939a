using System.ComponentModel;
using HFDesk.Core.Cache;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary><c>cache rm</c> names the copy to delete as <c>DELETE /api/cache</c> does: <c>--source</c> and <c>--path</c>.</summary>
internal sealed class CacheRemoveSettings : CacheRepoSettings
{
    [CommandOption("--source <SOURCE>")]
    [Description("The copy to delete: \"HF cache\" (default), \"Friendly view\" or Local (a localDir folder HFDesk wrote).")]
    public string? Source { get; init; }

    [CommandOption("--path <PATH>")]
    [Description("The copy's folder as `cache list` shows it (optional; must match the named copy).")]
    public string? CopyPath { get; init; }

    [CommandOption("-y|--yes")]
    [Description("Delete without asking (required when not on a terminal, e.g. in scripts).")]
    public bool Yes { get; init; }

    public CacheCopy Copy => CacheCopy.TryParseSource(Source, out var source)
        ? new CacheCopy(source, string.IsNullOrEmpty(CopyPath) ? null : CopyPath)
        : CacheCopy.HfCache;

    public override ValidationResult Validate()
    {
        var common = base.Validate();
        if (!common.Successful)
        {
            return common;
        }

        return CacheCopy.TryParseSource(Source, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--source '{Source}' must be \"HF cache\", \"Friendly view\" or Local");
    }
}
