using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace HFDesk.Cli.Rendering;

/// <summary>Every <c>--json</c> answer: the API's object, one line, through the API's serializer.</summary>
internal static class JsonOutput
{
    public static async Task WriteAsync<T>(IAnsiConsole console, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        // Straight to the output writer: console rendering would parse markup and wrap long lines, breaking the JSON.
        var json = JsonSerializer.Serialize(value, typeInfo);
        await console.Profile.Out.Writer.WriteLineAsync(json.AsMemory(), cancellationToken);
        await console.Profile.Out.Writer.FlushAsync(cancellationToken);
    }
}
