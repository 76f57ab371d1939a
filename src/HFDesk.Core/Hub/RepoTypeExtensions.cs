namespace HFDesk.Core.Hub;

internal static class RepoTypeExtensions
{
    /// <summary>Plural segment of API routes: <c>/api/models/…</c>, <c>/api/datasets/…</c>.</summary>
    public static string ApiSegment(this RepoType type) => type == RepoType.Dataset ? "datasets" : "models";

    /// <summary>Prefix of file routes: models have none (<c>/o/n/resolve/…</c>), datasets use <c>/datasets/o/n/resolve/…</c>.</summary>
    public static string UrlPrefix(this RepoType type) => type == RepoType.Dataset ? "datasets/" : "";

    /// <summary>Singular word used by the API (<c>type=model</c>) and the cache browser.</summary>
    public static string Word(this RepoType type) => type == RepoType.Dataset ? "dataset" : "model";
}
