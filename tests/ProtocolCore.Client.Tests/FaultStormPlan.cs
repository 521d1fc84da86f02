using System;
using System.Collections.Generic;
using ProtocolCore.Faults;

namespace ProtocolCore.Client.Tests;

/// <summary>
/// The storm's schedule: for every session, every turn's fault, drawn from one seeded <see cref="Random"/> so a seed
/// reproduces it. An upgrade fault is armed by the previous turn's directive (the server then cuts that idle
/// connection), so it meets the connections the turn itself opens.
/// </summary>
internal static class FaultStormPlan
{
    /// <summary>Relative weights: about a quarter of the turns run clean, so chaining is exercised between faults.</summary>
    private static readonly (FaultPoint Point, int Weight)[] s_weights =
    [
        (FaultPoint.None, 24),
        (FaultPoint.Request, 7),
        (FaultPoint.Created, 7),
        (FaultPoint.MidStream, 8),
        (FaultPoint.MidFrame, 9),
        (FaultPoint.Terminal, 7),
        (FaultPoint.Idle, 8),
        (FaultPoint.StallFirst, 2),
        (FaultPoint.StallMid, 2),
        (FaultPoint.Evict, 7),
        (FaultPoint.ServerError, 5),
        (FaultPoint.UpgradeRequest, 4),
        (FaultPoint.UpgradeResponse, 4),
        (FaultPoint.UpgradeStall, 2),
    ];

    public static List<List<FaultStormTurn>> Create(int seed, int sessions, int turnsPerSession, int maxReconnectAttempts)
    {
        var random = new Random(seed);
        int total = 0;
        foreach ((_, int weight) in s_weights)
        {
            total += weight;
        }

        var plan = new List<List<FaultStormTurn>>(sessions);
        for (int s = 0; s < sessions; s++)
        {
            var turns = new List<FaultStormTurn>(turnsPerSession);
            for (int t = 0; t < turnsPerSession; t++)
            {
                FaultPoint point = Draw(random, total);
                if (t == 0 && IsUpgrade(point))
                {
                    // Nothing before the first turn can arm it.
                    point = FaultPoint.None;
                }

                string id = $"s{s:D2}-t{t:D3}";
                int events = StormResponse.EventCount(id);
                var directive = new FaultDirective
                {
                    Id = id,
                    Fault = IsUpgrade(point) ? FaultPoint.None : point,
                    Cut = (CutKind)random.Next(3),
                    At = point switch
                    {
                        FaultPoint.MidStream => random.Next(2, events),
                        FaultPoint.MidFrame or FaultPoint.StallMid => random.Next(1, events),
                        _ => 0,
                    },
                    DelayMs = random.Next(0, 30),
                };

                if (IsUpgrade(point))
                {
                    // One more failed attempt than the session makes fails the turn; a stall costs a connect timeout each.
                    int count = point == FaultPoint.UpgradeStall ? 1 : random.Next(1, maxReconnectAttempts + 2);
                    FaultStormTurn previous = turns[t - 1];
                    turns[t - 1] = previous with
                    {
                        Directive = previous.Directive with { NextUpgrade = point, NextUpgradeCut = (CutKind)random.Next(3), NextUpgradeCount = count },
                    };
                }

                turns.Add(new FaultStormTurn(directive, point));
            }

            plan.Add(turns);
        }

        return plan;
    }

    private static bool IsUpgrade(FaultPoint point) => point is FaultPoint.UpgradeRequest or FaultPoint.UpgradeResponse or FaultPoint.UpgradeStall;

    private static FaultPoint Draw(Random random, int total)
    {
        int pick = random.Next(total);
        foreach ((FaultPoint point, int weight) in s_weights)
        {
            if ((pick -= weight) < 0)
            {
                return point;
            }
        }

        throw new InvalidOperationException("Unreachable: the weights sum to total.");
    }
}
