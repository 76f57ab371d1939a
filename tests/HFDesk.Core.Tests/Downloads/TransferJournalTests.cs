using HFDesk.Core.Downloads;

namespace HFDesk.Core.Tests.Downloads;

public sealed class TransferJournalTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hfdesk-journal-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Save_ThenTryLoad_RoundTripsRangesAndIdentity()
    {
        var request = Request();
        var path = Path.Combine(_dir.FullName, "x.journal");
        TransferJournal.For(request, [new ByteRange(0, 100), new ByteRange(200, 300)], DateTimeOffset.UnixEpoch).Save(path);

        var loaded = TransferJournal.TryLoad(path);

        Assert.NotNull(loaded);
        Assert.True(loaded.Matches(request));
        Assert.Equal([new ByteRange(0, 100), new ByteRange(200, 300)], loaded.Completed);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Theory]
    [InlineData("etag")]
    [InlineData("size")]
    [InlineData("commit")]
    [InlineData("sha256")]
    public void Matches_OtherContentOrCommit_False(string differs)
    {
        var request = Request();
        var journal = TransferJournal.For(request, [], DateTimeOffset.UnixEpoch);
        var other = differs switch
        {
            "etag" => request with { ExpectedEtag = "other" },
            "size" => request with { ExpectedSize = 999 },
            "commit" => request with { Commit = new string('b', 40) },
            _ => request with { ExpectedSha256 = new string('c', 64) },
        };

        Assert.False(journal.Matches(other));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("{\"formatVersion\":1,\"size\":10,\"completed\":[{\"start\":0,\"end\":11}]}")]
    public void TryLoad_TornOrImpossibleJournal_Null(string content)
    {
        var path = Path.Combine(_dir.FullName, "bad.journal");
        File.WriteAllText(path, content);

        Assert.Null(TransferJournal.TryLoad(path));
    }

    private TransferRequest Request() => new(
        new Uri("http://127.0.0.1:1/x"), null, 1000, new string('a', 64), new string('a', 64), new string('1', 40),
        Path.Combine(_dir.FullName, "x.incomplete"), Path.Combine(_dir.FullName, "x.journal"));
}
