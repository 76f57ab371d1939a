using System.Net;
using HFDesk.HubEmulator;

namespace HFDesk.Core.Tests.Emulator;

/// <summary>The private/gated/invalid-token table of hub-protocol §2.</summary>
public sealed class HubEmulatorAccessTests
{
    public static TheoryData<string, string?, int, string?> Cases => new()
    {
        // route kind, token, status, X-Error-Code
        { "private-info", null, 401, "RepoNotFound" },
        { "private-info", HubEmulatorTokens.OtherUser, 404, "RepoNotFound" },
        { "private-info", HubEmulatorTokens.NotGranted, 404, "RepoNotFound" },
        { "private-info", HubEmulatorTokens.Valid, 200, null },
        { "private-file", null, 401, "RepoNotFound" },
        { "private-file", HubEmulatorTokens.OtherUser, 404, "RepoNotFound" },
        { "private-file", HubEmulatorTokens.Valid, 200, null },
        { "missing-info", null, 401, "RepoNotFound" },
        { "missing-info", HubEmulatorTokens.Valid, 404, "RepoNotFound" },
        { "gated-info", null, 200, null },
        { "gated-tree", null, 200, null },
        { "gated-file", null, 401, "GatedRepo" },
        { "gated-file", HubEmulatorTokens.NotGranted, 403, "GatedRepo" },
        { "gated-file", HubEmulatorTokens.OtherUser, 403, "GatedRepo" },
        { "gated-file", HubEmulatorTokens.Valid, 200, null },
        { "public-info", "hf_not_a_real_token", 401, null },
        { "public-file", "hf_not_a_real_token", 401, null },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Cases))]
    public async Task Access_ByRepoAndToken_MatchesHubTable(string route, string? token, int status, string? errorCode)
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host, token);
        var url = route switch
        {
            "private-info" => $"api/models/{StandardFixtures.PrivateRepo}",
            "private-file" => $"{StandardFixtures.PrivateRepo}/resolve/main/config.json",
            "missing-info" => "api/models/emulator/does-not-exist",
            "gated-info" => $"api/models/{StandardFixtures.GatedRepo}/revision/main",
            "gated-tree" => $"api/models/{StandardFixtures.GatedRepo}/tree/main",
            "gated-file" => $"{StandardFixtures.GatedRepo}/resolve/main/config.json",
            "public-info" => $"api/models/{StandardFixtures.TransformersRepo}",
            _ => $"{StandardFixtures.TransformersRepo}/resolve/main/config.json",
        };

        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(errorCode, EmulatorClient.Header(response, "X-Error-Code"));
        if (status >= 400)
        {
            Assert.False(string.IsNullOrEmpty(EmulatorClient.Header(response, "X-Error-Message")));
            Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task GatedFile_NotGranted_MessageNamesRepoAndAccessPage()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = EmulatorClient.Create(host, HubEmulatorTokens.NotGranted);

        using var response = await client.GetAsync($"{StandardFixtures.GatedRepo}/resolve/main/config.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"https://huggingface.co/{StandardFixtures.GatedRepo}", EmulatorClient.Header(response, "X-Error-Message"), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task DisabledRepo_Returns403WithoutErrorCode()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        host.Repos.Add(RepoFixture.Model("emulator/disabled").WithFile("a.txt", "a").Disabled());
        using var client = EmulatorClient.Create(host, HubEmulatorTokens.Valid);

        using var info = await client.GetAsync("api/models/emulator/disabled", TestContext.Current.CancellationToken);
        using var file = await client.GetAsync("emulator/disabled/resolve/main/a.txt", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, info.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, file.StatusCode);
        Assert.Null(EmulatorClient.Header(file, "X-Error-Code"));
        Assert.Equal("Access to this resource is disabled.", EmulatorClient.Header(file, "X-Error-Message"));
    }

    [Fact(Timeout = 60_000)]
    public async Task WhoAmI_ValidToken_ReturnsUser()
    {
        await using var host = await HubEmulatorHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var anonymous = EmulatorClient.Create(host);
        using var valid = EmulatorClient.Create(host, HubEmulatorTokens.Valid);

        using var denied = await anonymous.GetAsync("api/whoami-v2", TestContext.Current.CancellationToken);
        var body = await valid.GetStringAsync("api/whoami-v2", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Contains(HubEmulatorTokens.ValidUserName, body, StringComparison.Ordinal);
    }
}
