using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Connector.Cli;

public static class CliJson
{
    /// <summary>Compact JSON that keeps Cyrillic readable; still escapes HTML-significant characters.</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
}
