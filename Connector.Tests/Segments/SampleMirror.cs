namespace Connector.Tests.Segments;

/// <summary>
/// A hand-made mirror whose answers can be worked out by reading it (SegmentOperatorTests), now being
/// <see cref="SegmentRig.Now"/> (2026-06-15 12:00 UTC). Contact 5 is deleted, deal 12 is deleted.
/// </summary>
internal static class SampleMirror
{
    public static MirrorModel Model { get; } = new(
        [
            new(1, "Anna", null, "Ivanova", 7, "2026-06-01T09:00:00.0000000Z", null, false, """{"UF_CRM_CITY":["Казань"],"UF_CRM_TAGS":["vip","b2b"]}""", ["anna@example.org"]),
            new(2, "Bob", null, null, null, "2025-01-10T08:00:00.0000000Z", null, false, null, ["bob@mail.ru", "BOSS@corp.com"]),
            new(3, null, null, null, null, null, null, false, """{"UF_CRM_CITY":[]}""", []),
            new(4, "x' OR 1=1 --", null, null, null, "2026-06-14T10:00:00.0000000Z", null, false, null, ["o'brien@x.io"]),
            new(5, "Anna", null, null, null, null, null, true, null, ["deleted@example.org"]),
            new(6, "Анна", null, null, null, "2024-03-03T00:00:00.0000000Z", null, false, "{oops", ["anna.k@example.org"]),
        ],
        [
            new(10, "Big", "WON", 0, "S", "1500.00", "RUB", null, null, null, null, false, """{"UF_CRM_SRC":["ads"]}""", [1]),
            new(11, null, "C1:NEW", 1, "P", "99.5", "RUB", null, null, null, null, false, null, [1, 2]),
            new(12, "Gone", "LOSE", 0, "F", "5", "RUB", null, null, null, null, true, null, [4]),
            new(13, null, "LOSE", 0, "F", "", null, null, null, null, null, false, null, [2]),
        ],
        [
            new(1, "open", false, "2026-06-10T12:00:00.0000000Z", 1),
            new(2, "open", true, "2026-06-10T12:00:00.0000000Z", 1),
            new(2, "click", false, "2026-01-01T12:00:00.0000000Z", 1),
            new(4, "open", false, "2026-06-14T12:00:00.0000000Z", 2),
        ],
        [("BOB@mail.ru", "hard"), ("anna@example.org", "soft")],
        [("o'brien@x.io", "unsubscribed"), ("boss@corp.com", "manual")],
        [("anna@example.org", "Newsletter")])
    {
        // Contact 1 active in welcome; 2 finished welcome and is active in promo; 6 exited promo; portal 2 has 3 in welcome.
        Enrollments = [new(1, "welcome", "active", 1), new(2, "welcome", "completed", 1), new(2, "promo", "active", 1), new(6, "promo", "exited", 1), new(3, "welcome", "active", 2)],
    };
}
