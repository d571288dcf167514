#!/usr/bin/env python3
"""ultimatum_design: summary table and figures from the designs sweep and its baseline.

Per design (a row of designs/points.csv): prisoners freed beyond the counterfactual (the baseline's
mean final stock minus the design's, on the same replicate streams), the probability of success
(the demand met in full, at the threat stage or after imposition) with its Wilson interval, the
share partly met, and each capital's cost: its revenue lost against the baseline plus its own
action costs, MEUR over the horizon. The frontier: the designs that no other design beats on both
prisoners freed and Brussels' cost.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import experiment_kit as kit  # noqa: E402

CAPITALS = ["minsk", "warsaw", "brussels", "beijing", "moscow"]


def main():
    results, quick = kit.arguments()
    designs = kit.read_points(results, "designs")
    baseline = kit.read_points(results, "baseline").iloc[0]
    n = kit.read_manifest(results, "designs")["replicates"]

    table = designs[["point", "demand", "deadline_weeks", "threat", "reward"]].copy()
    table["freed_vs_baseline"] = baseline["final_stock_mean"] - designs["final_stock_mean"]
    # The design's own interval of the mean final stock, shifted: the baseline's mean is a
    # constant on the same streams.
    table["freed_ci95_low"] = baseline["final_stock_mean"] - designs["final_stock_ci95_high"]
    table["freed_ci95_high"] = baseline["final_stock_mean"] - designs["final_stock_ci95_low"]
    table["gross_releases"] = designs["gross_releases_mean"]
    table["rearrests"] = designs["rearrests_mean"]
    success = designs["u1_share_complied_threat"] + designs["u1_share_complied_after_imposition"]
    table["p_success"] = success
    bounds = [kit.wilson(round(s * n), n) for s in success]
    table["p_success_low"] = [b[0] for b in bounds]
    table["p_success_high"] = [b[1] for b in bounds]
    table["p_success_threat_stage"] = designs["u1_share_complied_threat"]
    table["p_partly"] = designs["u1_share_partly_complied"]
    table["p_imposed"] = designs["u1_imposed"] / n
    for capital in CAPITALS:
        lost = baseline[f"{capital}_revenue_meur_mean"] - designs[f"{capital}_revenue_meur_mean"]
        table[f"{capital}_cost_meur"] = lost + designs[f"{capital}_action_cost_meur_mean"]
    front = kit.pareto_front(table, "freed_vs_baseline", "brussels_cost_meur")
    table["on_frontier"] = table["point"].isin(front["point"])
    table["replicates"] = n
    kit.write_table(table.sort_values("freed_vs_baseline", ascending=False), results)

    # Figure 1: prisoners freed against Brussels' cost, the frontier marked.
    fig, ax = kit.figure()
    colours = {"suspend_transit": "tab:red", "sanctions_2": "tab:blue"}
    markers = {"none": "o", "ease_1": "^"}
    for (threat, reward), group in table.groupby(["threat", "reward"]):
        ax.errorbar(group["brussels_cost_meur"], group["freed_vs_baseline"],
                    yerr=[group["freed_vs_baseline"] - group["freed_ci95_low"],
                          group["freed_ci95_high"] - group["freed_vs_baseline"]],
                    fmt=markers.get(reward, "s"), color=colours.get(threat, "grey"), alpha=0.7, capsize=2,
                    label=f"{threat}, reward {reward}")
    front = table[table["on_frontier"]].sort_values("brussels_cost_meur")
    ax.plot(front["brussels_cost_meur"], front["freed_vs_baseline"], "k--", lw=1, label="frontier")
    # Designs that land on the same spot (e.g. a small demand met before any deadline) share a label.
    spots = front.assign(x=front["brussels_cost_meur"].round(0), y=front["freed_vs_baseline"].round(0))
    for (x, y), group in spots.groupby(["x", "y"]):
        names = sorted({f"{d}/{w}w" for d, w in zip(group["demand"], group["deadline_weeks"])})
        ax.annotate(", ".join(names) if len(names) <= 2 else f"{names[0]} (+{len(names) - 1} alike)", (x, y),
                    fontsize=7, xytext=(3, 3), textcoords="offset points")
    ax.set_xlabel("Brussels' cost (revenue lost vs no ultimatum + action costs), MEUR over 52 weeks")
    ax.set_ylabel("prisoners freed beyond no ultimatum (persons)")
    ax.set_title(f"Ultimatum designs: 72 designs x {n} replicates (95% intervals)")
    ax.legend(fontsize=7)
    kit.save_figure(fig, results, "frontier.png")

    # Figure 2: probability of success by demand and deadline, one panel per threat and reward.
    fig, axes = kit.plt.subplots(2, 2, figsize=(9, 6.5), sharex=True, sharey=True)
    for ax, ((threat, reward), group) in zip(axes.flat, table.groupby(["threat", "reward"])):
        for demand, rows in group.groupby("demand", sort=False):
            rows = rows.sort_values("deadline_weeks")
            ax.errorbar(rows["deadline_weeks"], rows["p_success"],
                        yerr=[rows["p_success"] - rows["p_success_low"], rows["p_success_high"] - rows["p_success"]],
                        marker="o", capsize=2, label=demand)
        ax.set_title(f"threat {threat}, reward {reward}", fontsize=9)
        ax.grid(True, alpha=0.3)
        ax.set_ylim(-0.02, 1.02)
    for ax in axes[-1]:
        ax.set_xlabel("deadline (weeks)")
    for ax in axes[:, 0]:
        ax.set_ylabel("P(demand met in full)")
    axes[0, 0].legend(fontsize=7, title="demand", title_fontsize=7)
    kit.save_figure(fig, results, "success.png")
    if not quick:
        best = table.sort_values("freed_vs_baseline", ascending=False).iloc[0]
        print(f"  most prisoners freed: {best['demand']}, {best['deadline_weeks']} weeks, {best['threat']}, "
              f"reward {best['reward']}: {best['freed_vs_baseline']:.0f} beyond the baseline, "
              f"P(success) {best['p_success']:.2f}")


if __name__ == "__main__":
    main()
