using Connector.Sandbox.Events;

namespace Connector.Sandbox;

public sealed partial class SandboxPortal
{
    public SandboxContact AddContact(SandboxContactFields fields)
    {
        lock (_lock)
        {
            return AddContactCore(fields);
        }
    }

    /// <summary>Changes a contact and bumps DATE_MODIFY; null when the contact does not exist.</summary>
    public SandboxContact? UpdateContact(long id, SandboxContactFields fields)
    {
        lock (_lock)
        {
            return UpdateContactCore(id, fields);
        }
    }

    public bool DeleteContact(long id)
    {
        lock (_lock)
        {
            return DeleteContactCore(id);
        }
    }

    internal SandboxContact? FindContact(long id)
    {
        var index = IndexById(_contacts, c => c.Id, id);
        return index < 0 ? null : _contacts[index];
    }

    internal SandboxContact AddContactCore(SandboxContactFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var now = Now;
        var contact = new SandboxContact(
            _nextContactId++,
            fields.Name ?? string.Empty,
            fields.SecondName ?? string.Empty,
            fields.LastName ?? string.Empty,
            fields.AssignedById ?? Options.WebhookUserId,
            fields.Export ?? true,
            MergeEmails([], fields.Emails),
            now,
            now)
        {
            UserFields = SandboxUserFields.Merge(SandboxUserFields.None, fields.UserFields),
        };
        _contacts.Add(contact);
        RaiseEntityEvent(SandboxEventNames.ContactAdd, contact.Id);
        return contact;
    }

    internal SandboxContact? UpdateContactCore(long id, SandboxContactFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var index = IndexById(_contacts, c => c.Id, id);
        if (index < 0)
        {
            return null;
        }

        var old = _contacts[index];
        var updated = old with
        {
            Name = fields.Name ?? old.Name,
            SecondName = fields.SecondName ?? old.SecondName,
            LastName = fields.LastName ?? old.LastName,
            AssignedById = fields.AssignedById ?? old.AssignedById,
            Export = fields.Export ?? old.Export,
            Emails = MergeEmails(old.Emails, fields.Emails),
            UserFields = SandboxUserFields.Merge(old.UserFields, fields.UserFields),
            DateModify = Now,
        };
        _contacts[index] = updated;
        RaiseEntityEvent(SandboxEventNames.ContactUpdate, id);
        return updated;
    }

    internal bool DeleteContactCore(long id)
    {
        var index = IndexById(_contacts, c => c.Id, id);
        if (index < 0)
        {
            return false;
        }

        _contacts.RemoveAt(index);

        // Deleting a contact removes its deal bindings, as the CRM does.
        for (var i = 0; i < _deals.Count; i++)
        {
            if (_deals[i].ContactIds.Contains(id))
            {
                _deals[i] = _deals[i] with { ContactIds = [.. _deals[i].ContactIds.Where(c => c != id)] };
            }
        }

        RaiseEntityEvent(SandboxEventNames.ContactDelete, id);
        return true;
    }

    // Multi-field update rules (api-reference/crm/data-types.md#crm_multifield): no ID adds, a known ID replaces,
    // a known ID with an empty VALUE deletes.
    private SandboxEmail[] MergeEmails(IReadOnlyList<SandboxEmail> existing, IReadOnlyList<SandboxEmail>? changes)
    {
        if (changes is null)
        {
            return [.. existing];
        }

        var result = existing.ToList();
        foreach (var change in changes)
        {
            var at = result.FindIndex(e => e.Id == change.Id);
            if (change.Id == 0 || at < 0)
            {
                if (change.Value.Length > 0)
                {
                    result.Add(new SandboxEmail(_nextEmailId++, change.ValueType, change.Value));
                }
            }
            else if (change.Value.Length == 0)
            {
                result.RemoveAt(at);
            }
            else
            {
                result[at] = change with { ValueType = change.ValueType.Length == 0 ? result[at].ValueType : change.ValueType };
            }
        }

        return [.. result];
    }
}
