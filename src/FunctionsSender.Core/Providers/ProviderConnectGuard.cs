using System.Net;
using System.Net.Sockets;

namespace FunctionsSender.Core.Providers;

/// <summary>
/// The provider client's connect step (SocketsHttpHandler.ConnectCallback): resolves the host itself and connects only
/// to allowed addresses, unless insecure provider URLs are allowed (local testing against a simulator on loopback).
/// </summary>
public sealed class ProviderConnectGuard(FunctionsSenderOptions options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        IPAddress[] addresses;
        if (options.AllowInsecureProviderUrls)
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        else
        {
            if (!options.AllowedProviderHostList.Contains(host, StringComparer.OrdinalIgnoreCase))
            {
                throw new ProviderAddressRefusedException($"Host '{host}' is not in AllowedProviderHosts.");
            }

            addresses = (IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken))
                .Where(ProviderAddressPolicy.IsPublic)
                .ToArray();
            if (addresses.Length == 0)
            {
                throw new ProviderAddressRefusedException($"Host '{host}' resolves only to internal addresses.");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
