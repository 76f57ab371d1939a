namespace HFDesk.Core.Cache;

internal static class CacheSourceExtensions
{
    /// <summary>The words api.md uses for <c>source</c>.</summary>
    public static string Text(this CacheSource source) => source switch
    {
        CacheSource.HfCache => "HF cache",
        CacheSource.FriendlyView => "Friendly view",
        _ => "Local",
    };
}
