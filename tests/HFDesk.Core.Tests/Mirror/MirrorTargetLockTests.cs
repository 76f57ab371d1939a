using HFDesk.Core.Mirror;
using HFDesk.Core.Tests.Storage;

namespace HFDesk.Core.Tests.Mirror;

public sealed class MirrorTargetLockTests
{
    [Fact]
    public async Task Lock_HeldByAnotherHolder_IsRefusedUntilReleased()
    {
        using var dir = new TempDirectory();
        var first = MirrorTargetLock.TryAcquire(dir.Path, "push", TimeProvider.System, out _);
        Assert.NotNull(first);

        var second = MirrorTargetLock.TryAcquire(dir.Path, "pull", TimeProvider.System, out var holder);

        Assert.Null(second);
        Assert.Contains("push", holder, StringComparison.Ordinal);
        await first.DisposeAsync();
        Assert.False(File.Exists(Path.Combine(dir.Path, MirrorTargetLock.FileName)));
        await using var third = MirrorTargetLock.TryAcquire(dir.Path, "pull", TimeProvider.System, out _);
        Assert.NotNull(third);
    }

    [Fact]
    public async Task Lock_OfACrashedHolder_ExpiresWithoutHeartbeat()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, MirrorTargetLock.FileName);
        File.WriteAllText(path, "{\"id\":\"dead\",\"host\":\"nas-client\",\"processId\":1,\"kind\":\"push\",\"startedAt\":\"2026-01-01T00:00:00Z\"}");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - MirrorTargetLock.Expiry - TimeSpan.FromSeconds(5));

        await using var taken = MirrorTargetLock.TryAcquire(dir.Path, "push", TimeProvider.System, out var holder);

        Assert.NotNull(taken);
        Assert.DoesNotContain("dead", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task Lock_Heartbeat_KeepsALongOperationsLockFresh()
    {
        using var dir = new TempDirectory();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var held = MirrorTargetLock.TryAcquire(dir.Path, "push", time, out _);
        Assert.NotNull(held);
        var path = Path.Combine(dir.Path, MirrorTargetLock.FileName);

        // Five minutes of an operation, beat by beat: the lock's age never reaches the expiry.
        for (var i = 0; i < 20; i++)
        {
            time.Advance(MirrorTargetLock.HeartbeatInterval);
            Assert.True(time.GetUtcNow() - File.GetLastWriteTimeUtc(path) < MirrorTargetLock.Expiry);
        }

        Assert.Null(MirrorTargetLock.TryAcquire(dir.Path, "pull", time, out _));
    }

    [Fact]
    public async Task Lock_OfADeadProcessOnThisMachine_IsTakenAtOnce_AnotherMachinesIsNot()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, MirrorTargetLock.FileName);
        // A process of this machine that has ended: its pid names no running process.
        using var exited = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", "--version") { RedirectStandardOutput = true })!;
        await exited.WaitForExitAsync(TestContext.Current.CancellationToken);
        var content = $$"""{"id":"dead","host":"{{Environment.MachineName}}","processId":{{exited.Id}},"kind":"push","startedAt":"2026-01-01T00:00:00Z"}""";
        File.WriteAllText(path, content.Replace(Environment.MachineName, "other-machine", StringComparison.Ordinal));

        Assert.Null(MirrorTargetLock.TryAcquire(dir.Path, "push", TimeProvider.System, out var holder));
        Assert.Contains("other-machine", holder, StringComparison.Ordinal);

        File.WriteAllText(path, content);
        await using var taken = MirrorTargetLock.TryAcquire(dir.Path, "push", TimeProvider.System, out _);

        Assert.NotNull(taken);
        Assert.DoesNotContain("dead", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
