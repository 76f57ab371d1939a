
namespace HFDesk.HubEmulator.Serving;

/// <summary>How each repo type is spelled in routes and messages.</summary>
internal static class RepoKindNames
{
    public static RepoKind? FromPlural(string segment) => segment switch
    {
        "models" => RepoKind.Model,
        "datasets" => RepoKind.Dataset,
        "spaces" => RepoKind.Space,
        _ => null,
    };

    public static string Plural(RepoKind kind) => kind switch
    {
        RepoKind.Dataset => "datasets",
        RepoKind.Space => "spaces",
        _ => "models",
    };

    public static string Word(RepoKind kind) => kind.ToString().ToLowerInvariant();
}
