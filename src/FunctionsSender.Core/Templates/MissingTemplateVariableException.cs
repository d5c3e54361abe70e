namespace FunctionsSender.Core.Templates;

/// <summary>
/// A placeholder had no value at render time. Carries only the variable's name: values are OTPs and
/// personal data, so no exception from the renderer ever includes one.
/// </summary>
public sealed class MissingTemplateVariableException : Exception
{
    public MissingTemplateVariableException()
    {
        VariableName = string.Empty;
    }

    public MissingTemplateVariableException(string variableName)
        : base($"Template variable '{variableName}' has no value.")
    {
        VariableName = variableName;
    }

    public MissingTemplateVariableException(string variableName, Exception innerException)
        : base($"Template variable '{variableName}' has no value.", innerException)
    {
        VariableName = variableName;
    }

    public string VariableName { get; }
}
