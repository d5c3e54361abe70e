using FunctionsSender.Core.Phones;

namespace FunctionsSender.Core.Tests.Phones;

public class PhoneNumberMaskTests
{
    [Theory]
    [InlineData("+14155550123", "+1415*****23")]
    [InlineData("+447911123456", "+4479******56")]
    [InlineData("55555", "5**55")]
    [InlineData("+123", "****")]
    [InlineData("", "")]
    public void Masks_all_but_the_prefix_and_last_two_digits(string number, string expected) =>
        Assert.Equal(expected, PhoneNumberMask.Mask(number));

    [Theory]
    [InlineData("+18005550100", true)]
    [InlineData("+18885550100", true)]
    [InlineData("+14155550100", false)]
    [InlineData("+448000111111", false)]
    public void Knows_us_toll_free_numbers_by_type(string number, bool tollFree) =>
        Assert.Equal(tollFree, PhoneNumberFormat.IsUsTollFree(number, out _));
}
