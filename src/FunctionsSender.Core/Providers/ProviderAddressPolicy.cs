using System.Net;
using System.Net.Sockets;

namespace FunctionsSender.Core.Providers;

/// <summary>
/// Which addresses a provider call may connect to. Checked on the resolved address at connect time, so a provider
/// host name that resolves (or is re-pointed) to an internal address is refused too — not only a URL that names one.
/// </summary>
public static class ProviderAddressPolicy
{
    /// <summary>Azure's host-local WireServer: metadata in all but name.</summary>
    private static readonly IPAddress AzureWireServer = IPAddress.Parse("168.63.129.16");

    /// <summary>True for a public unicast address; false for loopback, private, link-local (cloud metadata), CGNAT and the like.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast) || address.Equals(AzureWireServer))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] == 0                                   // "this" network
                     || b[0] == 10                               // private
                     || (b[0] == 100 && b[1] is >= 64 and < 128) // carrier-grade NAT
                     || (b[0] == 169 && b[1] == 254)             // link-local: 169.254.169.254 metadata
                     || (b[0] == 172 && b[1] is >= 16 and < 32)  // private
                     || (b[0] == 192 && b[1] == 168)             // private
                     || (b[0] == 192 && b[1] == 0 && b[2] == 0)  // IETF protocol assignments
                     || (b[0] == 198 && b[1] is 18 or 19)        // benchmarking
                     || b[0] >= 224);                            // multicast and reserved
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                     || (b[0] & 0xFE) == 0xFC                    // unique local fc00::/7
                     || address.IsIPv4MappedToIPv6);
        }

        return false;
    }
}

/// <summary>A provider call refused before connecting: the host is not allowed or resolves only to internal addresses.</summary>
public sealed class ProviderAddressRefusedException(string message) : Exception(message);
