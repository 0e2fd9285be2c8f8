using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Sandbox.Wire;

namespace Connector.Sandbox.Seeding;

/// <summary>
/// Fills the sandbox's user fields (<see cref="SandboxUserFields"/>) from their own random sequence, so the rest of the
/// seeded data stays what it was. Empty values take each documented shape: <c>""</c>, <c>null</c>, <c>false</c>.
/// </summary>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Seeded test data must be reproducible.")]
public static class SandboxUserFieldSeeder
{
    private static readonly string[] Cities = ["Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург", "Алматы"];
    private static readonly string[] Interests = ["обувь", "электроника", "книги", "спорт", "дом и сад"];

    public static SandboxSeedData Apply(int seed, SandboxSeedData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var random = new Random(unchecked((seed * 7919) + 104729));
        var contacts = data.Contacts.Select(c => c with { UserFields = Contact(random) }).ToList();
        var deals = data.Deals.Select(d => d with { UserFields = Deal(random, d.DateCreate) }).ToList();
        return data with { Contacts = contacts, Deals = deals };
    }

    private static Dictionary<string, JsonNode?> Contact(Random random)
    {
        var interests = Interests.Where(_ => random.Next(4) == 0).Select(i => (JsonNode?)i).ToArray();
        var localeRoll = random.Next(100);
        return new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            [SandboxUserFields.City] = random.Next(6) == 0 ? "" : Cities[random.Next(Cities.Length)],
            [SandboxUserFields.Locale] = localeRoll switch
            {
                < 65 => "ru-RU",
                < 80 => "en-US",
                < 85 => "kk-KZ",
                < 90 => "",
                < 95 => null,
                _ => "не указан",
            },
            [SandboxUserFields.Interests] = interests.Length == 0 ? false : new JsonArray(interests),
            [SandboxUserFields.Points] = random.Next(5) == 0 ? null : random.Next(0, 5000).ToString(CultureInfo.InvariantCulture),
        };
    }

    private static Dictionary<string, JsonNode?> Deal(Random random, DateTimeOffset created) => new(StringComparer.Ordinal)
    {
        [SandboxUserFields.PromoCode] = random.Next(3) == 0 ? "" : $"NOV-{random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture)}",
        [SandboxUserFields.DeliveryDate] = random.Next(4) == 0 ? null : SandboxDates.Format(new DateTimeOffset(created.Date.AddDays(random.Next(3, 30)), SandboxDates.PortalOffset)),
    };
}
