namespace HFDesk.Bench;

/// <summary>
/// Puts every tool on the same footing before its run. On this kind of VM, page-cache pages the guest has not
/// touched lately are backed lazily by the host (and free pages are handed back to it), so whichever tool happens to
/// get such pages pays up to 10× the system time for the same writes. Writing and deleting a scratch file of the
/// run's size just before it leaves that many warm free pages at the head of the allocator for the tool to reuse.
/// </summary>
internal static class PageCacheConditioner
{
    private const int ChunkSize = 1024 * 1024;

    public static async Task ConditionAsync(string directory, long bytes, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(directory, ".page-cache-scratch");
        var chunk = new byte[ChunkSize];
        Array.Fill(chunk, (byte)0x5A);
        try
        {
            await using (var stream = new FileStream(scratch, FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
            {
                for (long written = 0; written < bytes + (bytes / 10); written += ChunkSize)
                {
                    await stream.WriteAsync(chunk, cancellationToken);
                }
            }
        }
        finally
        {
            File.Delete(scratch);
        }
    }
}
