using System.Diagnostics.CodeAnalysis;

namespace Connector.Sandbox.Seeding;

/// <summary>
/// Builds deterministic, realistic CRM data from a seed: Cyrillic contacts with 0–3 e-mails (including IDN,
/// upper-case, padded and invalid values on contacts 2–10), deals over the three pipelines with 0–3 contacts,
/// and stage history consistent with each deal's current stage. All timestamps lie before <c>now</c>.
/// </summary>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Seeded test data must be reproducible.")]
public static class SandboxSeeder
{
    /// <param name="distinctEmails">Each generated address carries its contact's ID (the same random draws: the rest of the data is unchanged).</param>
    public static SandboxSeedData Generate(int seed, int contactCount, int dealCount, DateTimeOffset now, IReadOnlyList<SandboxStage> stages, bool distinctEmails = false)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var random = new Random(seed);
        var contacts = GenerateContacts(random, contactCount, now, distinctEmails);
        var (deals, events) = GenerateDeals(random, dealCount, contactCount, now, stages);
        var history = events
            .OrderBy(e => e.CreatedTime)
            .ThenBy(e => e.OwnerId)
            .Select((e, i) => e with { Id = i + 1 })
            .ToList();
        return SandboxUserFieldSeeder.Apply(seed, new SandboxSeedData(contacts, deals, history));
    }

    private static List<SandboxContact> GenerateContacts(Random random, int count, DateTimeOffset now, bool distinctEmails)
    {
        var contacts = new List<SandboxContact>(count);
        var emailId = 1L;
        var oldest = now.AddDays(-400);
        for (var id = 1; id <= count; id++)
        {
            var female = random.Next(2) == 0;
            var (name, latin) = female ? Pick(random, SandboxNames.FemaleNames) : Pick(random, SandboxNames.MaleNames);
            var patronymic = Pick(random, SandboxNames.Patronymics);
            var last = Pick(random, SandboxNames.LastNames);
            var emailCount = random.Next(4);
            var quirkIndex = id - 2;
            if (quirkIndex >= 0 && quirkIndex < SandboxNames.Quirky.Count)
            {
                emailCount = Math.Max(1, emailCount);
            }

            var emails = new List<SandboxEmail>(emailCount);
            for (var e = 0; e < emailCount; e++)
            {
                var value = e == 0 && quirkIndex >= 0 && quirkIndex < SandboxNames.Quirky.Count
                    ? SandboxNames.Quirky[quirkIndex]
                    : random.Next(100) < 3
                        ? Pick(random, SandboxNames.Quirky)
                        : $"{latin}.{last.Latin}{(distinctEmails ? "." + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}{(e == 0 ? string.Empty : random.Next(10, 99))}@{Pick(random, SandboxNames.Domains)}";
                emails.Add(new SandboxEmail(emailId++, Pick(random, SandboxNames.EmailTypes), value));
            }

            var created = Whole(oldest.AddDays(390.0 * id / Math.Max(1, count)).AddMinutes(random.Next(0, 600)));
            var modified = Whole(created.AddSeconds(random.NextDouble() * (now.AddHours(-1) - created).TotalSeconds));
            contacts.Add(new SandboxContact(
                id,
                name,
                female ? patronymic.Female : patronymic.Male,
                female ? last.Female : last.Male,
                1 + random.Next(8),
                random.Next(10) != 0,
                emails,
                created,
                modified));
        }

        return contacts;
    }

    private static (List<SandboxDeal> Deals, List<SandboxHistoryRow> Events) GenerateDeals(
        Random random, int count, int contactCount, DateTimeOffset now, IReadOnlyList<SandboxStage> stages)
    {
        var deals = new List<SandboxDeal>(count);
        var events = new List<SandboxHistoryRow>();
        var oldest = now.AddDays(-300);
        for (var id = 1; id <= count; id++)
        {
            var roll = random.Next(100);
            var category = roll < 60 ? 0 : roll < 85 ? 1 : 2;
            var pipeline = stages.Where(s => s.CategoryId == category).ToList();
            var path = StagePath(random, pipeline);
            var created = Whole(oldest.AddDays(290.0 * id / Math.Max(1, count)).AddMinutes(random.Next(0, 600)));
            var at = created;
            events.Add(new SandboxHistoryRow(0, 1, id, at, category, path[0].SemanticId, path[0].StatusId));
            foreach (var stage in path.Skip(1))
            {
                at = Whole(at.AddSeconds((now.AddHours(-2) - at).TotalSeconds * (0.05 + (random.NextDouble() * 0.35))));
                events.Add(new SandboxHistoryRow(0, stage.IsFinal ? 3 : 2, id, at, category, stage.SemanticId, stage.StatusId));
            }

            var current = path[^1];
            var modified = Whole(at.AddSeconds((now.AddHours(-1) - at).TotalSeconds * random.NextDouble() * 0.2));
            deals.Add(new SandboxDeal(
                id,
                $"{Pick(random, SandboxNames.DealTitles)} №{id}",
                category,
                current.StatusId,
                current.SemanticId,
                random.Next(50, 20000) * 100m,
                roll % 20 == 0 ? "USD" : roll % 20 == 1 ? "EUR" : "RUB",
                1 + random.Next(8),
                PickContacts(random, contactCount),
                created,
                modified,
                at,
                current.IsFinal));
        }

        return (deals, events);
    }

    /// <summary>Creation stage first, then 0–3 moves forward, ending at the deal's current stage.</summary>
    private static List<SandboxStage> StagePath(Random random, List<SandboxStage> pipeline)
    {
        var process = pipeline.Where(s => !s.IsFinal).ToList();
        var roll = random.Next(100);
        SandboxStage current = roll < 20 ? process[0]
            : roll < 65 ? process[random.Next(1, process.Count)]
            : roll < 87 ? pipeline.First(s => s.SemanticId == "S")
            : pipeline.First(s => s.SemanticId == "F");
        var path = new List<SandboxStage> { process[0] };
        if (current == process[0])
        {
            return path;
        }

        var limit = current.IsFinal ? process.Count : process.IndexOf(current);
        var intermediates = Enumerable.Range(1, Math.Max(0, limit - 1))
            .OrderBy(_ => random.Next())
            .Take(random.Next(3))
            .Order()
            .Select(i => process[i]);
        path.AddRange(intermediates);
        path.Add(current);
        return path;
    }

    private static long[] PickContacts(Random random, int contactCount)
    {
        if (contactCount == 0)
        {
            return [];
        }

        var wanted = Math.Min(random.Next(4), contactCount);
        var chosen = new List<long>(wanted);
        while (chosen.Count < wanted)
        {
            var candidate = 1L + random.Next(contactCount);
            if (!chosen.Contains(candidate))
            {
                chosen.Add(candidate);
            }
        }

        return [.. chosen];
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static DateTimeOffset Whole(DateTimeOffset value) => Wire.SandboxDates.Truncate(value);
}
