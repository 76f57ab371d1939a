using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace HFDesk.Server.Tests.HubEndpoint;

/// <summary>
/// One HTTP/1.1 connection driven by hand, so a test can send several requests on it (one after another, or all at
/// once: pipelined) and read each answer exactly as the bytes arrive, with no client library to hide a stray byte.
/// </summary>
internal sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private NetworkStream _stream = null!;
    private int _start;
    private int _end;

    public static async Task<RawHttpConnection> OpenAsync(Uri server, CancellationToken cancellationToken)
    {
        var connection = new RawHttpConnection();
        await connection._client.ConnectAsync(server.Host, server.Port, cancellationToken);
        connection._stream = connection._client.GetStream();
        return connection;
    }

    public static string Request(string method, string target, string host, params string[] headers) =>
        $"{method} {target} HTTP/1.1\r\nHost: {host}\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n";

    public Task SendAsync(string requests, CancellationToken cancellationToken) =>
        _stream.WriteAsync(Encoding.ASCII.GetBytes(requests), cancellationToken).AsTask();

    /// <summary>Reads <paramref name="count"/> bytes of a body and then drops the connection (a client that gives up).</summary>
    public async Task ReadSomeAndCloseAsync(int count, CancellationToken cancellationToken)
    {
        await ReadHeadAsync(cancellationToken);
        await ReadExactlyAsync(count, cancellationToken);
        _client.Client.Close(0);
    }

    /// <summary>One whole answer: status, headers (lower-case names) and a Content-Length body (none for HEAD).</summary>
    public async Task<RawHttpResponse> ReadResponseAsync(bool head, CancellationToken cancellationToken)
    {
        var (status, headers) = await ReadHeadAsync(cancellationToken);
        var length = headers.TryGetValue("content-length", out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : 0;
        var body = head || status == 304 ? [] : await ReadExactlyAsync((int)length, cancellationToken);
        return new RawHttpResponse(status, headers, body);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }

    private async Task<(int Status, Dictionary<string, string> Headers)> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            head.Append((char)(await ReadExactlyAsync(1, cancellationToken))[0]);
        }

        var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines[1..]
            .Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim(), StringComparer.Ordinal);
        return (status, headers);
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await _stream.ReadAsync(_buffer, cancellationToken);
                if (_end == 0)
                {
                    throw new EndOfStreamException($"The server closed the connection after {filled} of {count} bytes.");
                }
            }

            var n = Math.Min(count - filled, _end - _start);
            _buffer.AsSpan(_start, n).CopyTo(result.AsSpan(filled));
            _start += n;
            filled += n;
        }

        return result;
    }
}

internal sealed record RawHttpResponse(int Status, Dictionary<string, string> Headers, byte[] Body);
