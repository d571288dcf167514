#!/usr/bin/env python3
"""inspection_paradox: inspection and evasion rates against the fine, from the game and the agents.

The game (game.json): Nash (support enumeration) and logit QRE at lambda 1 and 4, per fine.
The agents (scenarios/inspection_game.json, W weeks per replicate): the rates are read back from
three outcome means, exactly, since every week is one stage game (docs/MODEL.md 7.9.6):
  detections  D = Warsaw's revenue / r                  (r per detection, nothing else earns)
  inspections I = Warsaw's action cost / c              (c per inspection, nothing else costs)
  evasions    E = (Minsk's revenue + fine D) / g + D    (g per undetected evasion, -fine per detected)
so the inspection rate is I / W and the evasion rate E / W. Their 95% intervals: I's from the
action cost's interval; E's conservatively, its standard deviation bounded by the sum of its
parts' (sd(a X + b Y) <= |a| sd X + |b| sd Y), so the interval is at least as wide as the truth.
"""
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import experiment_kit as kit  # noqa: E402

FINES = [1, 2, 4, 8, 16]
G, C, R = 2.0, 1.0, 4.0  # game.json and scenarios/inspection_game.json


def game_rates(results, step):
    solution = kit.read_json(results, step, "solution.json")
    strategies = solution["equilibria"][0]["strategies"]
    return strategies[0]["actions"]["inspect"], strategies[1]["actions"]["evade"]


def agent_rows(results, step, label):
    points = kit.read_points(results, step)
    manifest = kit.read_manifest(results, step)
    weeks, n = manifest["weeks"], manifest["replicates"]
    rows = []
    for _, p in points.iterrows():
        fine = p["fine"]
        detections = p["warsaw_revenue_meur_mean"] / R
        evasions = (p["minsk_revenue_meur_mean"] + fine * detections) / G + detections
        inspect = p["warsaw_action_cost_meur_mean"] / C / weeks
        inspect_half = (p["warsaw_action_cost_meur_ci95_high"] - p["warsaw_action_cost_meur_mean"]) / C / weeks
        sd_bound = p["minsk_revenue_meur_sd"] / G + p["warsaw_revenue_meur_sd"] / R * (fine / G + 1)
        evade_half = kit.Z95 * sd_bound / math.sqrt(n) / weeks
        rows.append({"source": label, "fine": fine, "inspect": inspect, "inspect_low": inspect - inspect_half,
                     "inspect_high": inspect + inspect_half, "evade": evasions / weeks,
                     "evade_low": evasions / weeks - evade_half, "evade_high": evasions / weeks + evade_half,
                     "replicates": n, "weeks": weeks})
    return rows


def main():
    results, quick = kit.arguments()
    rows = []
    for fine in FINES:
        inspect, evade = game_rates(results, f"nash_fine{fine}")
        # Hand check of the solver: inspect g / (g + fine) makes Minsk indifferent, evade c / r Warsaw.
        assert abs(inspect - G / (G + fine)) < 1e-9 and abs(evade - C / R) < 1e-9, (fine, inspect, evade)
        rows.append({"source": "Nash", "fine": fine, "inspect": inspect, "evade": evade})
        for lam in (1, 4):
            inspect, evade = game_rates(results, f"qre{lam}_fine{fine}")
            rows.append({"source": f"logit QRE, lambda {lam}", "fine": fine, "inspect": inspect, "evade": evade})
    rows += agent_rows(results, "regret_matching", "agents: regret matching")
    rows += agent_rows(results, "fictitious_play", "agents: fictitious play")
    rows += agent_rows(results, "logit_agents", "agents: myopic logit, rationality 1")
    table = kit.pd.DataFrame(rows)
    kit.write_table(table, results)

    fig, axes = kit.plt.subplots(1, 2, figsize=(11, 4.6), sharex=True)
    styles = {"Nash": ("k", "-", "s"), "logit QRE, lambda 1": ("tab:purple", "--", "^"),
              "logit QRE, lambda 4": ("tab:purple", ":", "v"), "agents: regret matching": ("tab:blue", "-", "o"),
              "agents: fictitious play": ("tab:green", "-", "o"),
              "agents: myopic logit, rationality 1": ("tab:orange", "-", "o")}
    for source, group in table.groupby("source", sort=False):
        colour, line, marker = styles[source]
        for ax, rate in zip(axes, ["inspect", "evade"]):
            err = None
            if f"{rate}_low" in group and group[f"{rate}_low"].notna().all():
                err = [group[rate] - group[f"{rate}_low"], group[f"{rate}_high"] - group[rate]]
            ax.errorbar(group["fine"], group[rate], yerr=err, color=colour, linestyle=line, marker=marker,
                        capsize=2, label=source)
    for ax, title in zip(axes, ["Warsaw's inspection rate", "Minsk's evasion rate"]):
        ax.set_xscale("log", base=2)
        ax.set_xticks(FINES)
        ax.set_xticklabels([str(f) for f in FINES])
        ax.set_xlabel("fine on detected evasion (MEUR)")
        ax.set_ylabel("share of weeks")
        ax.set_title(title)
        ax.grid(True, alpha=0.3)
        ax.set_ylim(0, 1)
    axes[1].legend(fontsize=7)
    kit.save_figure(fig, results, "inspection_paradox.png")


if __name__ == "__main__":
    main()
