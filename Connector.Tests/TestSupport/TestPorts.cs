using System.Net;
using System.Net.Sockets;

namespace Connector.Tests.TestSupport;

/// <summary>
/// The one way tests get a loopback port for a peer that must be told its port up front (smtp-sink, Postfix, spamd, a
/// connector started through its command line): the kernel picks a free one (port 0) and it is read back. A server the
/// test starts in-process listens on port 0 itself and reports its address (WireMock, TcpListener) instead.
/// Ports handed out here are never handed out twice by this process, so parallel fixtures cannot pick the same one.
/// </summary>
internal static class TestPorts
{
    private static readonly HashSet<int> Given = [];

    public static int Free()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Given)
            {
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
