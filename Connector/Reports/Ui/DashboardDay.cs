namespace Connector.Reports.Ui;

/// <summary>One day (in the dashboard's zone) of the last 30: the messages sent that day and what they got so far.</summary>
public sealed record DashboardDay(string Date, long Sent, long Delivered, long HumanOpeners, long HumanClickers, long Bounced, long Complaints, long Unsubscribes);
