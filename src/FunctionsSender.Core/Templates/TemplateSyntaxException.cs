namespace FunctionsSender.Core.Templates;

/// <summary>A template source that cannot be compiled. <see cref="Position"/> is the 0-based character offset of the problem.</summary>
public sealed class TemplateSyntaxException : FormatException
{
    public TemplateSyntaxException()
    {
    }

    public TemplateSyntaxException(string message)
        : base(message)
    {
    }

    public TemplateSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TemplateSyntaxException(string message, int position, Exception? innerException = null)
        : base($"{message} (at position {position})", innerException)
    {
        Position = position;
    }

    public int Position { get; }
}
