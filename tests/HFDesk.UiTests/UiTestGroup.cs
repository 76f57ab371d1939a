namespace HFDesk.UiTests;

/// <summary>One Chromium for every UI test class; the tests run one after another (a 2-core machine, one browser).</summary>
[CollectionDefinition(Name)]
public sealed class UiTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "ui";
}
