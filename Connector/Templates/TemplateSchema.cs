namespace Connector.Templates;

/// <summary>
/// The variables a template may use: <c>contact</c> (with its <c>deals</c> and declared custom <c>fields</c>), <c>deal</c>
/// (the newest open one, with its declared custom <c>fields</c>), <c>deals</c>, <c>sender</c>, <c>subject</c>,
/// <c>unsubscribe_url</c>, and <c>vars</c> (any member: the variables of a message queued through the API). A path outside this tree is an error when the template is saved (see <see cref="CustomFieldNames"/>).
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
        var declared = customFields.ToList();
        var deal = SchemaNode.Record(DealFields);
        deal.Children["fields"] = SchemaNode.Record(CustomFieldNames.Of(declared, CustomFieldNames.Deal));
        var contact = SchemaNode.Record(ContactFields);
        contact.Children["fields"] = SchemaNode.Record(CustomFieldNames.Of(declared, CustomFieldNames.Contact));
        contact.Children["deals"] = SchemaNode.List(deal);
        var root = SchemaNode.Record([]);
        root.Children["contact"] = contact;
        root.Children["deal"] = deal;
        root.Children["deals"] = SchemaNode.List(deal);
        root.Children["sender"] = SchemaNode.Record(SenderFields);
        root.Children["subject"] = SchemaNode.Leaf;
        root.Children["unsubscribe_url"] = SchemaNode.Leaf;
        root.Children["vars"] = SchemaNode.Open;
        return new TemplateSchema(root);
    }
}
