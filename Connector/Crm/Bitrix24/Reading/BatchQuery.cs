using System.Text;

namespace Connector.Crm.Bitrix24.Reading;

/// <summary>
/// Builds a batch command's query in PHP bracket notation, as http_build_query does: keys and values URL-encoded
/// (so <c>filter[&gt;=DATE_MODIFY]</c> survives), except <c>$result[...]</c> references, which stay literal so the
/// portal can substitute them.
/// </summary>
public sealed class BatchQuery
{
    private readonly StringBuilder _text = new();

    public BatchQuery Add(string key, string value) => Append(key, Uri.EscapeDataString(value));

    public BatchQuery Add(string key, long value) => Add(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A value that refers to an earlier command's result; never encoded.</summary>
    public BatchQuery AddReference(string key, string reference) => Append(key, reference);

    public BatchQuery AddAll(string key, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Add(key + "[]", value);
        }

        return this;
    }

    public override string ToString() => _text.ToString();

    private BatchQuery Append(string key, string encodedValue)
    {
        if (_text.Length > 0)
        {
            _text.Append('&');
        }

        _text.Append(Uri.EscapeDataString(key)).Append('=').Append(encodedValue);
        return this;
    }
}
