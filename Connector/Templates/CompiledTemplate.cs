using System.Globalization;

namespace Connector.Templates;

/// <summary>A parsed, validated template version: one Liquid template per part, and the culture it renders in.</summary>
public sealed record CompiledTemplate(string Name, int Version, LiquidPart Subject, LiquidPart? Preheader, LiquidPart Html, LiquidPart? Text, CultureInfo Culture);
