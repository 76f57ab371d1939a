using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace HFDesk.Server.Transport;

/// <summary>
/// Kestrel connection middleware that puts a <see cref="SendfileConnection"/> between Kestrel's HTTP layer and the
/// socket, where sendfile(2) is the kernel's zero-copy path (Linux). Elsewhere, and for any connection
/// without a socket, it does nothing and bodies are copied as before.
/// </summary>
internal static class SendfileConnectionMiddleware
{
    public static ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        var socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (!SocketFileSender.Supported || socket is null)
        {
            await next(connection);
            return;
        }

        var transport = connection.Transport;
        var sendfile = new SendfileConnection(socket);
        connection.Transport = new DuplexPipe(transport.Input, sendfile.Output);
        connection.Features.Set(sendfile);
        sendfile.Start();
        try
        {
            await next(connection);
        }
        finally
        {
            // Everything Kestrel wrote leaves before the transport's own output ends, which closes the socket.
            await sendfile.DisposeAsync();
            connection.Transport = transport;
            await transport.Output.CompleteAsync();
        }
    };

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
