using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace HFDesk.Server.Transport;

/// <summary>
/// File bytes from the page cache straight into a socket with Linux's sendfile(2), on a thread of its own that
/// waits for the socket with poll(2) when its buffer is full, so the kernel wakes the sender directly (.NET's
/// SendPacketsAsync is sendfile too, but hands every full buffer through the epoll thread and the thread pool).
/// </summary>
internal static partial class SocketFileSender
{
    private const int EINTR = 4;
    private const int EAGAIN = 11;
    private const short POLLOUT = 0x004;
    private const int IPPROTO_TCP = 6;
    private const int TCP_CORK = 3;

    // A client that takes this long to take any byte is treated as gone, like Kestrel's minimum response data rate.
    private const int StallMilliseconds = 120_000;

    // Checked between polls: a cancelled request stops within this.
    private const int PollMilliseconds = 1_000;

    public static bool Supported { get; } = OperatingSystem.IsLinux();

    /// <summary>Sends <paramref name="count"/> bytes of <paramref name="file"/> from <paramref name="offset"/>.</summary>
    /// <returns>The bytes sent: all of them, unless the file is shorter.</returns>
    /// <exception cref="IOException">The socket failed or the client stopped reading.</exception>
    public static Task<long> SendAsync(Socket socket, SafeFileHandle file, long offset, long count, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Send(socket, file, offset, count, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static long Send(Socket socket, SafeFileHandle file, long offset, long count, CancellationToken cancellationToken)
    {
        bool socketAdded = false, fileAdded = false;
        socket.SafeHandle.DangerousAddRef(ref socketAdded);
        file.DangerousAddRef(ref fileAdded);
        try
        {
            var socketFd = (int)socket.SafeHandle.DangerousGetHandle();
            var fileFd = (int)file.DangerousGetHandle();
            var position = offset;
            var end = offset + count;
            SetCork(socketFd, 1);
            var waited = 0;
            while (position < end)
            {
                var sent = SendFile(socketFd, fileFd, ref position, (nint)Math.Min(end - position, 1L << 30));
                if (sent > 0)
                {
                    waited = 0;
                    continue;
                }

                if (sent == 0)
                {
                    // The file ends before the range does (it shrank): the caller's count is wrong, not the socket.
                    break;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR)
                {
                    continue;
                }

                if (errno != EAGAIN)
                {
                    throw new IOException($"sendfile failed: {Marshal.GetPInvokeErrorMessage(errno)}");
                }

                cancellationToken.ThrowIfCancellationRequested();
                var poll = new PollFd { Fd = socketFd, Events = POLLOUT };
                if (Poll(ref poll, 1, PollMilliseconds) == 0 && (waited += PollMilliseconds) >= StallMilliseconds)
                {
                    throw new IOException("The client stopped reading.");
                }
            }

            SetCork(socketFd, 0);
            return position - offset;
        }
        finally
        {
            if (fileAdded)
            {
                file.DangerousRelease();
            }

            if (socketAdded)
            {
                socket.SafeHandle.DangerousRelease();
            }
        }
    }

    // Corked, the kernel sends only full segments while the file streams and the rest when uncorked, as nginx's
    // tcp_nopush does; without it (Kestrel sets TCP_NODELAY) one client on loopback took 1.5× nginx's time.
    private static void SetCork(int socketFd, int on) => _ = SetSockOpt(socketFd, IPPROTO_TCP, TCP_CORK, ref on, sizeof(int));

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, ref int value, int length);

    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    private static partial nint SendFile(int outFd, int inFd, ref long offset, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, nuint count, int timeout);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
