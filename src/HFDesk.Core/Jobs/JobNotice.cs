namespace HFDesk.Core.Jobs;

/// <summary>A message that is not a job snapshot (<c>job_dismissed</c>, <c>cache_changed</c>, <c>warning</c>…).</summary>
internal sealed record JobNotice(string Kind, string Message, JobId? JobId = null, string? Repo = null) : JobEvent
{
    public const string JobDismissed = "job_dismissed";
    public const string CacheChanged = "cache_changed";
    public const string Warning = "warning";
    public const string SettingsChanged = "settings_changed";
}
