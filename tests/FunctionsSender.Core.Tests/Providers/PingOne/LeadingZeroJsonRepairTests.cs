using System.Text.Json;
using FunctionsSender.Core.Providers.PingOne;

namespace FunctionsSender.Core.Tests.Providers.PingOne;

public class LeadingZeroJsonRepairTests
{
    [Theory]
    [InlineData("""{"OTP":012345}""", """{"OTP":"012345"}""")]
    [InlineData("""{"OTP":012345, "username":"alice"}""", """{"OTP":"012345", "username":"alice"}""")]
    [InlineData("""{ "OTP" : 000000 }""", """{ "OTP" : "000000" }""")]
    [InlineData("""{"a":00}""", """{"a":"00"}""")]
    [InlineData("""{"a":-0123}""", """{"a":"-0123"}""")]
    [InlineData("""{"a":0123.5}""", """{"a":"0123.5"}""")]
    [InlineData("""{"a":{"b":{"c":0099}}}""", """{"a":{"b":{"c":"0099"}}}""")]
    [InlineData("""{"a":[01,2,03,[004]]}""", """{"a":["01",2,"03",["004"]]}""")]
    [InlineData("""[012,{"x":01}]""", """["012",{"x":"01"}]""")]
    [InlineData("  \n{\"OTP\":\n012345\n}", "  \n{\"OTP\":\n\"012345\"\n}")]
    public void Quotes_numbers_with_a_leading_zero_in_value_position(string input, string expected)
    {
        var repaired = LeadingZeroJsonRepair.Repair(input);
        Assert.Equal(expected, repaired);
        using var _ = JsonDocument.Parse(repaired);
    }

    [Theory]
    [InlineData("""{"a":0}""")]
    [InlineData("""{"a":0.5}""")]
    [InlineData("""{"a":-0.1}""")]
    [InlineData("""{"a":-0}""")]
    [InlineData("""{"a":0e5}""")]
    [InlineData("""{"a":123456}""")]
    [InlineData("""{"a":[0,10,100]}""")]
    [InlineData("""{"s":"012"}""")]
    [InlineData("""{"s":"x\"012\\"}""")]
    [InlineData("""{"s":"{\"OTP\":012345}"}""")]
    [InlineData("""{"a":true,"b":null,"c":false}""")]
    [InlineData("Your code is 012345")]
    [InlineData("012345")]
    [InlineData("")]
    public void Leaves_valid_numbers_strings_and_text_untouched(string input)
    {
        Assert.Same(input, LeadingZeroJsonRepair.Repair(input));
    }

    [Theory]
    [InlineData("{\"OTP\":012345", "{\"OTP\":\"012345\"")]
    [InlineData("""{"OTP":012345,}""", """{"OTP":"012345",}""")]
    [InlineData("""{"OTP":${otp}}""", """{"OTP":${otp}}""")]
    [InlineData("""{OTP:012}""", """{OTP:"012"}""")]
    public void Invalid_json_for_other_reasons_stays_invalid(string input, string expected)
    {
        var repaired = LeadingZeroJsonRepair.Repair(input);
        Assert.Equal(expected, repaired);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(repaired));
    }

    [Fact]
    public void A_number_in_key_position_is_not_touched()
    {
        Assert.Equal("""{012:1}""", LeadingZeroJsonRepair.Repair("""{012:1}"""));
        Assert.Equal("""{"a":1, 012:"02"}""", LeadingZeroJsonRepair.Repair("""{"a":1, 012:"02"}"""));
    }
}
