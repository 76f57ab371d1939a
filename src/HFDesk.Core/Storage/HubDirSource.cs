namespace HFDesk.Core.Storage;

/// <summary>Why the hub dir H is where it is; shown as <c>hubDirSource</c> by the API.</summary>
internal enum HubDirSource
{
    /// <summary><c>HF_HUB_CACHE</c> (or its legacy name) is set: H is exactly that.</summary>
    HfHubCache,
    /// <summary>H = R/hub with R from <c>--cache-dir</c> or the config file.</summary>
    CacheDir,
    /// <summary>H = <c>$HF_HOME/hub</c>.</summary>
    HfHome,
    /// <summary>H = <c>~/.cache/huggingface/hub</c> (or under <c>XDG_CACHE_HOME</c>).</summary>
    Default,
}
