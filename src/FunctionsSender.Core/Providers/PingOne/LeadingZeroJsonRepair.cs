using System.Text;

namespace FunctionsSender.Core.Providers.PingOne;

/// <summary>
/// PingOne substitutes <c>${otp}</c> literally, so a notification template such as <c>{"OTP":${otp}}</c> arrives as
/// <c>{"OTP":012345}</c>: invalid JSON, because JSON forbids a leading zero. This repair quotes exactly those numbers —
/// a bare number in value position whose integer part starts with <c>0</c> followed by another digit
/// (<c>012345</c>, <c>-0123</c>, <c>00</c>) — turning them into strings with every digit kept (<c>"012345"</c>).
/// Valid numbers (<c>0</c>, <c>0.5</c>, <c>-0.1</c>, <c>123</c>), anything inside a string, and object keys are left
/// alone; only text whose first non-blank character is <c>{</c> or <c>[</c> is looked at, so plain text messages
/// ("Your code is 012345") pass unchanged. The repair fixes nothing else: otherwise invalid JSON stays invalid.
/// </summary>
public static class LeadingZeroJsonRepair
{
    /// <returns>The repaired text, or <paramref name="text"/> itself when there was nothing to repair.</returns>
    public static string Repair(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().TrimStart();
        if (first.IsEmpty || (first[0] != '{' && first[0] != '['))
        {
            return text;
        }

        StringBuilder? repaired = null;
        var copied = 0;
        var containers = new Stack<char>();
        var valuePosition = true;
        var inString = false;
        var escaped = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    valuePosition = false;
                    break;
                case '{':
                    containers.Push('{');
                    valuePosition = false;
                    break;
                case '[':
                    containers.Push('[');
                    valuePosition = true;
                    break;
                case '}' or ']':
                    containers.TryPop(out _);
                    valuePosition = false;
                    break;
                case ':':
                    valuePosition = true;
                    break;
                case ',':
                    valuePosition = containers.TryPeek(out var container) && container == '[';
                    break;
                case ' ' or '\t' or '\r' or '\n':
                    break;
                case '-' or (>= '0' and <= '9') when valuePosition:
                    var end = i;
                    while (end < text.Length && IsNumberChar(text[end]))
                    {
                        end++;
                    }

                    if (HasForbiddenLeadingZero(text.AsSpan(i, end - i)))
                    {
                        repaired ??= new StringBuilder(text.Length + 8);
                        repaired.Append(text, copied, i - copied).Append('"').Append(text, i, end - i).Append('"');
                        copied = end;
                    }

                    i = end - 1;
                    valuePosition = false;
                    break;
                default:
                    valuePosition = false;
                    break;
            }
        }

        return repaired is null ? text : repaired.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool IsNumberChar(char c) => char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E';

    private static bool HasForbiddenLeadingZero(ReadOnlySpan<char> token)
    {
        var start = token.Length > 0 && token[0] == '-' ? 1 : 0;
        return token.Length > start + 1 && token[start] == '0' && char.IsAsciiDigit(token[start + 1]);
    }
}
