namespace Connector.Tracking;

/// <summary>How far a hit's commit is synced before the hit is answered (SQLite's <c>synchronous</c> of the recorder's connection).</summary>
public enum TrackingSynchronous
{
    Full,
    Normal,
}
