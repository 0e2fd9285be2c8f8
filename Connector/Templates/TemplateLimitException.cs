namespace Connector.Templates;

/// <summary>A render went over one of the <see cref="TemplateOptions"/> limits; the message names the limit and its key.</summary>
public sealed class TemplateLimitException : Exception
{
    public TemplateLimitException()
    {
    }

    public TemplateLimitException(string message)
        : base(message)
    {
    }

    public TemplateLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
