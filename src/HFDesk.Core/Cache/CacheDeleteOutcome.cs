namespace HFDesk.Core.Cache;

public enum CacheDeleteOutcome
{
    Deleted,
    NotFound,
    /// <summary>A job is using the repository (api.md: 409).</summary>
    Active,
    /// <summary>The repository id is not valid (api.md: 400).</summary>
    Invalid,
}
