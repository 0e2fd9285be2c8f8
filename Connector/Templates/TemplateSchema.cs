namespace Connector.Templates;

/// <summary>
/// The variables a template may use: <c>contact</c> (with its <c>deals</c> and declared custom <c>fields</c>), <c>deal</c>
/// (the newest open one), <c>deals</c>, <c>sender</c>, <c>subject</c>, <c>unsubscribe_url</c>. A path outside this tree
/// is an error when the template is saved.
/// </summary>
public sealed class TemplateSchema
{
    private static readonly string[] DealFields = ["id", "title", "stage", "stage_name", "pipeline", "amount", "currency", "closed", "won"];
    private static readonly string[] SenderFields = ["name", "address", "company", "postal_address", "website"];
    private static readonly string[] ContactFields = ["id", "name", "last_name", "second_name", "full_name", "email", "locale"];

    private TemplateSchema(SchemaNode root) => Root = root;

    public SchemaNode Root { get; }

    public static TemplateSchema For(IEnumerable<string> customFields)
    {
        var deal = SchemaNode.Record(DealFields);
        var contact = SchemaNode.Record(ContactFields);
        contact.Children["fields"] = SchemaNode.Record(customFields);
        contact.Children["deals"] = SchemaNode.List(deal);
        var root = SchemaNode.Record([]);
        root.Children["contact"] = contact;
        root.Children["deal"] = deal;
        root.Children["deals"] = SchemaNode.List(deal);
        root.Children["sender"] = SchemaNode.Record(SenderFields);
        root.Children["subject"] = SchemaNode.Leaf;
        root.Children["unsubscribe_url"] = SchemaNode.Leaf;
        return new TemplateSchema(root);
    }
}
