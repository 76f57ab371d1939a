using System.ComponentModel;
using HFDesk.Core.Hub;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary>Settings of the commands that act on one repository: <c>cache show</c> and <c>cache rm</c>.</summary>
internal class CacheRepoSettings : CommonSettings, IJsonOutput
{
    [CommandArgument(0, "<owner/name>")]
    [Description("The repository, e.g. Qwen/Qwen3-8B-GGUF.")]
    public string Repo { get; init; } = "";

    [CommandOption("--dataset")]
    [Description("The repository is a dataset.")]
    public bool Dataset { get; init; }

    [CommandOption("--json")]
    [Description("Print the same object as the API.")]
    public bool Json { get; init; }

    public RepoType Type => Dataset ? RepoType.Dataset : RepoType.Model;

    public override ValidationResult Validate()
    {
        var common = base.Validate();
        if (!common.Successful)
        {
            return common;
        }

        return RepoId.TryParse(Repo, out _, out var error) ? ValidationResult.Success() : ValidationResult.Error(error);
    }
}
