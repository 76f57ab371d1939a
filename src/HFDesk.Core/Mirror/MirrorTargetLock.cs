using System.Diagnostics;
using System.Text.Json;

namespace HFDesk.Core.Mirror;

/// <summary>
/// Keeps a second HFDesk (another machine on the same NAS) out of a target while an operation runs. File
/// locks are unreliable on SMB and NFS, so the lock is a file created exclusively (<c>CreateNew</c>) whose
/// modification time is refreshed by a heartbeat; a holder that crashed stops refreshing and its lock
/// expires (at once when the holder was a process of this machine that no longer runs). It lives in T, not in T/hub, so cache scanners never see it.
/// </summary>
internal sealed class MirrorTargetLock : IAsyncDisposable
{
    public const string FileName = ".hfdesk-mirror.lock";

    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(1);

    private readonly string _path;
    private readonly string _id;
    private readonly ITimer _heartbeat;
    private readonly TimeProvider _time;
    private int _released;

    private MirrorTargetLock(string path, string id, TimeProvider time)
    {
        _path = path;
        _id = id;
        _time = time;
        _heartbeat = time.CreateTimer(_ => Touch(), null, HeartbeatInterval, HeartbeatInterval);
    }

    public static MirrorTargetLock? TryAcquire(string targetDir, string kind, TimeProvider time, out string holder)
    {
        var path = Path.Combine(targetDir, FileName);
        var content = new MirrorLockContent(Guid.NewGuid().ToString("N"), Environment.MachineName, Environment.ProcessId, kind, time.GetUtcNow());
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    JsonSerializer.Serialize(stream, content, MirrorJsonContext.Default.MirrorLockContent);
                    stream.Flush(flushToDisk: true);
                }

                File.SetLastWriteTimeUtc(path, time.GetUtcNow().UtcDateTime);
                holder = "";
                return new MirrorTargetLock(path, content.Id, time);
            }
            catch (IOException) when (File.Exists(path))
            {
                var existing = TryRead(path);
                var age = time.GetUtcNow() - File.GetLastWriteTimeUtc(path);
                if (age < Expiry && !IsDeadLocalHolder(existing))
                {
                    holder = existing is null
                        ? "another HFDesk is running a mirror operation on this target"
                        : $"{existing.Host} (process {existing.ProcessId}) is running a mirror {existing.Kind} on this target since {existing.StartedAt:u}";
                    return null;
                }

                // Stale: move it aside under a unique name (only one contender's rename can succeed), check that what
                // moved is the stale lock we judged and not a fresh one someone else just created, then retry.
                var aside = path + "." + Guid.NewGuid().ToString("N")[..8] + ".stale";
                try
                {
                    File.Move(path, aside);
                    var moved = TryRead(aside);
                    if (existing is not null && moved?.Id != existing.Id)
                    {
                        File.Move(aside, path);
                        holder = "another HFDesk just took this target";
                        return null;
                    }

                    File.Delete(aside);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Someone else won the takeover; the next attempt sees their lock.
                }
            }
        }

        holder = "the target's lock file could not be taken";
        return null;
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _heartbeat.Dispose();
            try
            {
                if (TryRead(_path)?.Id == _id)
                {
                    File.Delete(_path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // It expires on its own.
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Touch()
    {
        try
        {
            File.SetLastWriteTimeUtc(_path, _time.GetUtcNow().UtcDateTime);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A missed beat is retried on the next tick; only a minute of misses lets the lock expire.
        }
    }

    /// <summary>
    /// A holder on this very machine whose process is gone (killed, crashed, the terminal closed) will never beat
    /// again: a rerun right after it need not wait for the expiry. Another machine's holder is judged by its
    /// heartbeat alone; a live process under a reused pid only makes the rerun wait that expiry.
    /// </summary>
    private static bool IsDeadLocalHolder(MirrorLockContent? holder)
    {
        if (holder is null
            || holder.ProcessId == Environment.ProcessId
            || !string.Equals(holder.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(holder.ProcessId);
            return process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // No such process.
            return true;
        }
    }

    private static MirrorLockContent? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), MirrorJsonContext.Default.MirrorLockContent);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
