using System.Net.WebSockets;
using System.Text.Json;

namespace HFDesk.Server.Tests;

/// <summary>Reads one whole text message of <c>/api/ws</c> as JSON, bounded in time so a silent server fails the test.</summary>
internal static class SocketJson
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit ?? DefaultLimit);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }
}
