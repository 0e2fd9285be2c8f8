namespace Connector.Sending.Profiling;

/// <summary>The stages of one message's way out whose CPU <see cref="SendStages"/> measures.</summary>
public enum SendStage
{
    /// <summary>The letter for the row: template data and rendering.</summary>
    Render,

    /// <summary>The MIME message: headers, tracked links, text part, encoding (signing excluded).</summary>
    Compose,

    /// <summary>DKIM: the body hash and both signatures.</summary>
    Sign,

    /// <summary>The SMTP transaction on the send thread, from MAIL FROM to the reply after DATA.</summary>
    Smtp,

    /// <summary>The ledger's writes: reservation, the <c>sending</c> mark and the outcome.</summary>
    Ledger,
}
