namespace Connector.Sync;

public enum CrmRecordKind
{
    Contact,
    Deal,
    Pipeline,
    Stage,
    StageHistory,
}
