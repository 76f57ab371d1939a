using System.ComponentModel;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

internal sealed class SearchSettings : CommonSettings, IJsonOutput
{
    [CommandArgument(0, "<query>")]
    [Description("Words to search for, an owner/name, or a pasted Hub URL.")]
    public string[] Query { get; init; } = [];

    [CommandOption("--datasets")]
    [Description("Search datasets instead of models.")]
    public bool Datasets { get; init; }

    [CommandOption("--sort <SORT>")]
    [Description("downloads (default), likes, trending, lastModified or createdAt.")]
    public string? Sort { get; init; }

    [CommandOption("--limit <N>")]
    [Description("How many results, 1-100 (default 40).")]
    public string? Limit { get; init; }

    [CommandOption("--filter <TAGS>")]
    [Description("Comma-separated Hub tags that must all be present (e.g. gguf,license:mit).")]
    public string? Filter { get; init; }

    [CommandOption("--author <NAME>")]
    [Description("Only repositories of this user or organization.")]
    public string? Author { get; init; }

    [CommandOption("--json")]
    [Description("Print the result as JSON (the same object as GET /api/search).")]
    public bool Json { get; init; }

    public string QueryText => string.Join(' ', Query);
}
