using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HFDesk.Server.Readme;

/// <summary>
/// Renders a repo's README.md for the repo page: raw HTML is escaped, never passed through (a model card is
/// untrusted input shown on our origin); the YAML front matter is dropped; relative links point at the Hub's
/// <c>blob</c> pages and relative images at its <c>resolve</c> URLs of the analyzed commit; images on other
/// hosts become plain links, so opening a repo page never makes the browser fetch from a third party; links
/// with schemes other than http(s) and mailto are neutralized.
/// </summary>
internal static class ReadmeRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    /// <param name="markdown">README.md as text.</param>
    /// <param name="repoBase">The repo's page on the Hub (<c>https://huggingface.co/owner/name</c>, datasets under <c>/datasets/</c>).</param>
    /// <param name="commit">The analyzed commit: links stay valid when the branch moves.</param>
    public static string ToHtml(string markdown, Uri repoBase, string commit)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(repoBase);
        var document = Markdown.Parse(markdown, Pipeline);
        var hubHost = repoBase.Authority;
        var root = repoBase.AbsoluteUri.TrimEnd('/') + "/";
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            Rewrite(link, root, commit, hubHost);
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static void Rewrite(LinkInline link, string root, string commit, string hubHost)
    {
        var url = link.Url?.Trim() ?? "";
        if (url.Length == 0 || url.StartsWith('#'))
        {
            return;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && !url.StartsWith('/'))
        {
            if (absolute.Scheme is not ("http" or "https" or "mailto"))
            {
                // javascript:, data:, file: — nothing a model card needs.
                link.Url = "#";
                link.IsImage = false;
                return;
            }

            if (link.IsImage && !string.Equals(absolute.Authority, hubHost, StringComparison.OrdinalIgnoreCase))
            {
                // A tracking pixel or a badge on another host: shown as a link the user may follow.
                link.IsImage = false;
            }

            return;
        }

        // Relative to the repo root ("images/a.png", "./LICENSE") or to the Hub ("/owner/other").
        if (url.StartsWith("//", StringComparison.Ordinal))
        {
            link.Url = "#";
            link.IsImage = false;
            return;
        }

        if (url.StartsWith('/'))
        {
            link.Url = new Uri(new Uri(root), url).AbsoluteUri;
            return;
        }

        var path = url.StartsWith("./", StringComparison.Ordinal) ? url[2..] : url;
        link.Url = root + (link.IsImage ? "resolve/" : "blob/") + commit + "/" + path;
    }
}
