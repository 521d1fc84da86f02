using System;
using System.Globalization;
using System.Text;

namespace ProtocolCore.Faults;

/// <summary>
/// What the fault server does with one request, carried as the text of the request's user message (the only part of
/// a turn every client, native sessions included, sets per turn): <c>storm id=ID fault=POINT cut=KIND at=N delay=MS
/// up=POINT:KIND:COUNT</c>. <c>at</c> is the message index a mid-stream fault cuts at (or the byte a mid-frame cut
/// keeps), <c>delay</c> the idle time before an idle cut, and <c>up</c> arms that many upgrade faults for the
/// session's next connections (the idle connection is then cut, so the next turn must reconnect).
/// </summary>
public sealed record FaultDirective
{
    private const string Prefix = "storm ";

    /// <summary>The request's id: unique per turn, so a second receipt is a replay.</summary>
    public required string Id { get; init; }

    public FaultPoint Fault { get; init; }

    public CutKind Cut { get; init; }

    /// <summary>Which message (mid-stream, stall) or byte (mid-frame) the fault happens at.</summary>
    public int At { get; init; }

    /// <summary>Milliseconds an idle connection lives after the response before it is cut.</summary>
    public int DelayMs { get; init; }

    /// <summary>The upgrade fault armed for the session's next connections, if any.</summary>
    public FaultPoint? NextUpgrade { get; init; }

    public CutKind NextUpgradeCut { get; init; }

    /// <summary>How many of the next connections' upgrades fail.</summary>
    public int NextUpgradeCount { get; init; }

    public static string Name(FaultPoint point) => point switch
    {
        FaultPoint.None => "none",
        FaultPoint.Request => "request",
        FaultPoint.Created => "created",
        FaultPoint.MidStream => "mid_stream",
        FaultPoint.MidFrame => "mid_frame",
        FaultPoint.Terminal => "terminal",
        FaultPoint.Idle => "idle",
        FaultPoint.StallFirst => "stall_first",
        FaultPoint.StallMid => "stall_mid",
        FaultPoint.Evict => "evict",
        FaultPoint.ServerError => "server_error",
        FaultPoint.UpgradeRequest => "upgrade_request",
        FaultPoint.UpgradeResponse => "upgrade_response",
        FaultPoint.UpgradeStall => "upgrade_stall",
        _ => throw new ArgumentOutOfRangeException(nameof(point)),
    };

    public static string Name(CutKind cut) => cut switch
    {
        CutKind.Close => "close",
        CutKind.Reset => "reset",
        CutKind.GoAway => "goaway",
        _ => throw new ArgumentOutOfRangeException(nameof(cut)),
    };

    /// <summary>The directive as user-message text.</summary>
    public string Format()
    {
        var text = new StringBuilder(Prefix);
        text.Append(CultureInfo.InvariantCulture, $"id={Id} fault={Name(Fault)} cut={Name(Cut)} at={At} delay={DelayMs}");
        if (NextUpgrade is { } upgrade)
        {
            text.Append(CultureInfo.InvariantCulture, $" up={Name(upgrade)}:{Name(NextUpgradeCut)}:{NextUpgradeCount}");
        }

        return text.ToString();
    }

    /// <summary>Reads a directive; null when <paramref name="text"/> is not one.</summary>
    public static FaultDirective? Parse(string? text)
    {
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string? id = null;
        FaultPoint fault = FaultPoint.None;
        CutKind cut = CutKind.Close;
        int at = 0;
        int delay = 0;
        FaultPoint? upgrade = null;
        CutKind upgradeCut = CutKind.Close;
        int upgradeCount = 0;
        foreach (string token in text[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            string value = token[(equals + 1)..];
            switch (token[..equals])
            {
                case "id":
                    id = value;
                    break;
                case "fault":
                    fault = ParsePoint(value);
                    break;
                case "cut":
                    cut = ParseCut(value);
                    break;
                case "at":
                    at = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "delay":
                    delay = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "up":
                    string[] parts = value.Split(':');
                    if (parts.Length != 3)
                    {
                        return null;
                    }

                    upgrade = ParsePoint(parts[0]);
                    upgradeCut = ParseCut(parts[1]);
                    upgradeCount = int.Parse(parts[2], CultureInfo.InvariantCulture);
                    break;
                default:
                    return null;
            }
        }

        return id is null ? null : new FaultDirective
        {
            Id = id,
            Fault = fault,
            Cut = cut,
            At = at,
            DelayMs = delay,
            NextUpgrade = upgrade,
            NextUpgradeCut = upgradeCut,
            NextUpgradeCount = upgradeCount,
        };
    }

    public static FaultPoint ParsePoint(string name)
    {
        foreach (FaultPoint point in Enum.GetValues<FaultPoint>())
        {
            if (Name(point) == name)
            {
                return point;
            }
        }

        throw new FormatException($"Unknown fault point '{name}'.");
    }

    private static CutKind ParseCut(string name) => name switch
    {
        "close" => CutKind.Close,
        "reset" => CutKind.Reset,
        "goaway" => CutKind.GoAway,
        _ => throw new FormatException($"Unknown cut kind '{name}'."),
    };
}
