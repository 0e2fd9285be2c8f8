namespace Connector.Tracking.Unsubscribe;

/// <summary>The unsubscribe pages' words in one language.</summary>
public sealed record UnsubscribeTexts(
    string Language, string Title, string Question, string ThisList, string AllMarketing, string Reason, string Button,
    string DoneTitle, string DoneList, string DoneAll, string NotValid, string TryAgain)
{
    public static UnsubscribeTexts English { get; } = new(
        "en", "Unsubscribe", "Do you want to stop receiving these emails?", "Only this mailing list", "All marketing emails from us",
        "Reason (optional)", "Unsubscribe", "You are unsubscribed", "You will not receive emails from this mailing list any more.",
        "You will not receive marketing emails from us any more.", "This link is not valid.",
        "We could not save your request just now. Please try again in a minute.");

    public static UnsubscribeTexts Russian { get; } = new(
        "ru", "Отписка от рассылки", "Вы хотите перестать получать эти письма?", "Только эта рассылка", "Все рекламные письма от нас",
        "Причина (необязательно)", "Отписаться", "Вы отписаны", "Письма этой рассылки больше не будут приходить.",
        "Рекламные письма от нас больше не будут приходить.", "Ссылка недействительна.",
        "Не удалось сохранить запрос. Попробуйте ещё раз через минуту.");

    /// <summary>
    /// Russian or English by <c>Accept-Language</c> (the first of the two by quality; <c>ru</c>, <c>uk</c>, <c>be</c>,
    /// <c>kk</c> read Russian); Russian when neither is asked for (the connector's readers are mostly Bitrix24 portals' contacts).
    /// </summary>
    public static UnsubscribeTexts For(string? acceptLanguage)
    {
        if (Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(acceptLanguage?.Split(',') ?? [], out var languages))
        {
            foreach (var language in languages.Where(l => (l.Quality ?? 1) > 0).OrderByDescending(l => l.Quality ?? 1))
            {
                var tag = language.Value.Value ?? "";
                var primary = tag.Split('-')[0].ToLowerInvariant();
                if (primary is "en")
                {
                    return English;
                }

                if (primary is "ru" or "uk" or "be" or "kk")
                {
                    return Russian;
                }
            }
        }

        return Russian;
    }
}
