#!/usr/bin/env python3
"""strategy_tournament: the round robin's table, a ranking of Brussels' strategies, and figures.

The ranking averages each sender strategy over the Minsk rules with equal weight (the rules are
the kinds of Minsk a strategy may face; no prior says which is likelier). Its interval: the
pairings are independent ensembles, so the variance of the average is the sum of the pairings'
variances over the number of rules squared; each pairing's variance is read back from its 95%
interval ((high - low) / (2 x 1.959964))^2.
"""
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import experiment_kit as kit  # noqa: E402


def averaged(frame, column, low_column, high_column):
    rows = []
    for sender, group in frame.groupby("sender", sort=False):
        k = len(group)
        mean = group[column].mean()
        se = math.sqrt((((group[high_column] - group[low_column]) / (2 * kit.Z95)) ** 2).sum()) / k
        low, high = mean - kit.Z95 * se, mean + kit.Z95 * se
        if column == "success_frequency":  # a probability: the interval stays in [0, 1]
            low, high = max(0.0, low), min(1.0, high)
        rows.append({"sender": sender, f"{column}_avg": mean, f"{column}_avg_low": low, f"{column}_avg_high": high})
    return kit.pd.DataFrame(rows)


def main():
    results, quick = kit.arguments()
    pairings = kit.read_csv(results, "round_robin", "tournament.csv")
    n = pairings["replicates"]
    bounds = [kit.wilson(round(p * m), m) for p, m in zip(pairings["success_frequency"], n)]
    pairings["success_ci95_low"] = [b[0] for b in bounds]
    pairings["success_ci95_high"] = [b[1] for b in bounds]
    releases = averaged(pairings, "net_releases_mean", "net_releases_ci95_low", "net_releases_ci95_high")
    payoff = averaged(pairings, "sender_payoff_mean", "sender_payoff_ci95_low", "sender_payoff_ci95_high")
    success = averaged(pairings, "success_frequency", "success_ci95_low", "success_ci95_high")
    ranking = releases.merge(payoff, on="sender").merge(success, on="sender")
    ranking = ranking.sort_values("net_releases_mean_avg", ascending=False).reset_index(drop=True)
    ranking.insert(0, "rank", range(1, len(ranking) + 1))
    # Strategies whose interval overlaps the leader's are not distinguishable from it at 95%.
    leader_low = ranking.loc[0, "net_releases_mean_avg_low"]
    ranking["tied_with_first"] = ranking["net_releases_mean_avg_high"] >= leader_low
    kit.write_table(ranking, results)
    kit.write_table(pairings, results, "pairings.csv")

    # Figure 1: the ranking by mean net releases, with intervals.
    fig, ax = kit.figure(7.5, 4.8)
    order = ranking.iloc[::-1]
    ax.errorbar(order["net_releases_mean_avg"], range(len(order)),
                xerr=[order["net_releases_mean_avg"] - order["net_releases_mean_avg_low"],
                      order["net_releases_mean_avg_high"] - order["net_releases_mean_avg"]],
                fmt="o", capsize=3, color="tab:blue")
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels(order["sender"], fontsize=8)
    ax.set_xlabel("net releases (persons), mean over the Minsk rules, 95% interval")
    ax.set_title(f"Brussels' strategies, ranked ({int(n.iloc[0])} replicates per pairing)")
    kit.save_figure(fig, results, "ranking.png")

    # Figure 2: net releases of every pairing as a heat map.
    table = pairings.pivot(index="sender", columns="target", values="net_releases_mean")
    table = table.loc[ranking["sender"], pairings["target"].drop_duplicates()]
    fig, ax = kit.plt.subplots(figsize=(8.5, 5))
    image = ax.imshow(table.values, cmap="viridis", aspect="auto")
    ax.set_xticks(range(table.shape[1]))
    ax.set_xticklabels(table.columns, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(table.shape[0]))
    ax.set_yticklabels(table.index, fontsize=8)
    for i in range(table.shape[0]):
        for j in range(table.shape[1]):
            ax.text(j, i, f"{table.values[i, j]:.0f}", ha="center", va="center", fontsize=7, color="white")
    fig.colorbar(image, ax=ax, label="net releases (persons)")
    ax.set_xlabel("Minsk's rule")
    ax.set_ylabel("Brussels' strategy")
    kit.save_figure(fig, results, "pairings.png")
    if not quick:
        top = ranking.iloc[0]
        print(f"  first: {top['sender']}, {top['net_releases_mean_avg']:.0f} net releases "
              f"[{top['net_releases_mean_avg_low']:.0f}, {top['net_releases_mean_avg_high']:.0f}]")


if __name__ == "__main__":
    main()
