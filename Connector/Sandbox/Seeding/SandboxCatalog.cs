namespace Connector.Sandbox.Seeding;

/// <summary>
/// The fixed deal pipelines and stages. Pipeline 0 uses Bitrix24's default stage IDs, pipelines N &gt; 0 the
/// <c>C{N}:</c> prefix (api-reference/crm/status/crm-status-list.md, crm-status-entity-types.md).
/// </summary>
public static class SandboxCatalog
{
    public static readonly IReadOnlyList<SandboxPipeline> Pipelines =
    [
        new(0, "Общая", 300, true),
        new(1, "Оптовые продажи", 200, false),
        new(2, "Тендеры", 250, false),
    ];

    public static readonly IReadOnlyList<SandboxStage> Stages = Build();

    private static SandboxStage[] Build()
    {
        var rows = new List<SandboxStage>();
        var id = 101L;
        void Add(int category, string status, string name, string semantics, string color, bool system)
        {
            var prefixed = category == 0 ? status : $"C{category}:{status}";
            rows.Add(new SandboxStage(id, category, prefixed, name, (rows.Count(r => r.CategoryId == category) + 1) * 10, semantics, color, system));
            id += 2;
        }

        Add(0, "NEW", "Новая", "process", "#39A8EF", true);
        Add(0, "PREPARATION", "Подготовка документов", "process", "#2FC6F6", false);
        Add(0, "PREPAYMENT_INVOICE", "Счёт на предоплату", "process", "#55D0E0", false);
        Add(0, "EXECUTING", "В работе", "process", "#47E4C2", false);
        Add(0, "FINAL_INVOICE", "Финальный счёт", "process", "#FFA900", false);
        Add(0, "WON", "Сделка успешна", "success", "#7BD500", true);
        Add(0, "LOSE", "Сделка провалена", "failure", "#FF5752", true);

        Add(1, "NEW", "Новая заявка", "process", "#39A8EF", true);
        Add(1, "PREPARATION", "Согласование условий", "process", "#2FC6F6", false);
        Add(1, "EXECUTING", "Отгрузка", "process", "#47E4C2", false);
        Add(1, "WON", "Оплачено", "success", "#7BD500", true);
        Add(1, "LOSE", "Отказ", "failure", "#FF5752", true);

        Add(2, "NEW", "Объявлен тендер", "process", "#39A8EF", true);
        Add(2, "PREPARATION", "Подготовка заявки", "process", "#2FC6F6", false);
        Add(2, "EXECUTING", "Заявка подана", "process", "#55D0E0", false);
        Add(2, "FINAL_INVOICE", "Подписание контракта", "process", "#FFA900", false);
        Add(2, "WON", "Тендер выигран", "success", "#7BD500", true);
        Add(2, "LOSE", "Тендер проигран", "failure", "#FF5752", true);
        return [.. rows];
    }
}
