using System.Net;
using FunctionsSender.Core.Providers;

namespace FunctionsSender.Core.Tests.Providers;

public class ProviderAddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("168.63.129.16")]
    [InlineData("100.64.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    public void Refuses_internal_addresses(string address) => Assert.False(ProviderAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("54.172.60.1")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2600:1f18::1")]
    public void Allows_public_addresses(string address) => Assert.True(ProviderAddressPolicy.IsPublic(IPAddress.Parse(address)));
}
