#!/usr/bin/env python3
"""Derives the scenarios that differ from belarus_2024 only in a few places, so an edit to the
default scenario's parameters (and their sources) carries over. Run from the repository root:
    python3 scripts/derive_scenarios.py && python3 scripts/format_json.py scenarios/*.json"""
import copy
import json

base = json.load(open("scenarios/belarus_2024.json", encoding="utf-8"))


def actor(document, actor_id):
    return next(a for a in document["actors"] if a["id"] == actor_id)


# The counterfactual without an ultimatum.
baseline = copy.deepcopy(base)
baseline["name"] = "baseline_no_ultimatum"
baseline["description"] = (
    "The belarus_2024 world without an EU ultimatum: Brussels keeps the status quo all year. The "
    "counterfactual every ultimatum design is measured against (same seeds, common random numbers).")
actor(baseline, "brussels")["rule"] = {
    "name": "scripted", "params": {"schedule": [], "rules": [], "default": "status_quo"},
    "_note": "No ultimatum, no sanctions step: the status quo of 2024 (EDM 2024: no group is tasked with the political prisoners)."}

# A Warsaw-only inspection campaign.
campaign = copy.deepcopy(base)
campaign["name"] = "warsaw_inspections"
campaign["description"] = (
    "A Warsaw-only campaign: no EU ultimatum; Poland runs an intensive inspection at Malaszewicze on about "
    "every other week, demands navigational seals, and closes the crossing while migration pressure is high, "
    "to press Minsk (directly and through Beijing) for the release of Andrzej Poczobut. Brussels keeps the "
    "status quo. Exercises inspections, closures, leakage to the Lithuanian and Latvian crossings, seals and "
    "Beijing's response.")
actor(campaign, "brussels")["rule"] = copy.deepcopy(actor(baseline, "brussels")["rule"])
warsaw = actor(campaign, "warsaw")
warsaw["types"] = {"p_resolved": 0.8, "target_belief_resolved": 0.5,
                   "_assumption": "A campaign is run by a resolved Warsaw, but Minsk does not know it yet."}
warsaw["rule"] = {
    "name": "scripted",
    "params": {
        "schedule": [{"week": 1, "action": "intensive_inspection"}, {"week": 2, "action": "demand_seals"}],
        "rules": [
            {"if": {"at_least": {"migration": 0.9}}, "action": "close_crossing"},
            {"if": {"at_most": {"migration": 0.5}}, "action": "lift_measures"},
            {"if": {"week_from": 3, "probability": 0.5}, "action": "intensive_inspection"}],
        "default": "routine_control"},
    "_assumption": "Inspections with probability 0.5 a week from week 3, closure while migration pressure is at or "
                   "above 0.9, lifted at or below 0.5."}

# A small round robin of Brussels' decision rules against three Minsk rules (leverage tournament,
# docs/TOURNAMENTS.md). The world is the default one; only the tournament plan is added. The lists are
# data: a new Minsk rule joins the round robin by a new entry under "targets".
tournament = copy.deepcopy(base)
tournament["name"] = "tournament_small"
tournament["description"] = (
    "The belarus_2024 world with a tournament plan: each registered sender strategy plays Brussels against three "
    "Minsk rules (logit, bayesian_target and a scripted, always defiant Minsk) on common random numbers. "
    "Run with `leverage tournament scenarios/tournament_small.json`; `leverage run` plays the default rules.")
ULTIMATUM_WEEK_NOTE = ("Issue in week 4, as the default Brussels does (late July 2024); retried every week while "
                       "vetoed (assumption).")
tournament["tournament"] = {
    "sender": "brussels",
    "target": "minsk",
    "replicates": 200,
    "seed": 1,
    "_assumption": "200 replicates per pairing and master seed 1: enough to rank the strategies (the CSV gives 95% "
                   "intervals of the payoffs), small enough for a test; every pairing uses the same replicate keys.",
    "senders": [
        {"label": "scripted_default", "rule": copy.deepcopy(actor(base, "brussels")["rule"]),
         "_note": "The default scenario's Brussels, as the reference."},
        {"label": "tit_for_tat", "rule": {"name": "tit_for_tat", "params": {"ultimatum_week": 4}},
         "_assumption": ULTIMATUM_WEEK_NOTE},
        {"label": "grim_trigger", "rule": {"name": "grim_trigger", "params": {"ultimatum_week": 4}},
         "_assumption": ULTIMATUM_WEEK_NOTE},
        {"label": "graduated_escalation",
         "rule": {"name": "graduated_escalation",
                  "params": {"ladder": ["tighten", "execute"], "thresholds": [4, 8], "ultimatum_week": 4}},
         "_assumption": "Tighten sanctions after 4 weeks without a release, execute the suspension at the deadline "
                        "after 8 (assumptions). " + ULTIMATUM_WEEK_NOTE},
        {"label": "graduated_by_type",
         "rule": {"name": "graduated_escalation",
                  "params": {"ladder": ["tighten", "execute"], "thresholds": [4, 8], "ultimatum_week": 4},
                  "params_unresolved": {"ladder": ["tighten"], "thresholds": [4]}},
         "_assumption": "Type-dependent play: an unresolved Brussels climbs no further than sanctions, so it never "
                        "executes the suspension (assumption). " + ULTIMATUM_WEEK_NOTE},
        {"label": "conditional_reward_gross",
         "rule": {"name": "conditional_reward", "params": {"per_releases": 50, "count": "gross"}},
         "_assumption": "One sanctions step eased per 50 releases, the size of a large amnesty (assumption)."},
        {"label": "conditional_reward_net",
         "rule": {"name": "conditional_reward", "params": {"per_releases": 50, "count": "net"}},
         "_assumption": "As above, counted net of re-arrests (assumption)."},
        {"label": "appease", "rule": {"name": "appease", "params": {"every_weeks": 8}},
         "_assumption": "One sanctions step eased every 8 weeks (assumption)."},
        {"label": "case_by_case", "rule": {"name": "case_by_case", "params": {"prisoners": []}},
         "_note": "A concession per named release, for every named prisoner (EDM 2024: the individual approach)."},
    ],
    "targets": [
        {"label": "logit_2", "rule": copy.deepcopy(actor(base, "minsk")["rule"]),
         "_note": "The default Minsk: logit at rationality 2."},
        {"label": "bayesian_2", "rule": {"name": "bayesian_target", "params": {"rationality": 2}},
         "_assumption": "A Minsk that weighs complying, partly complying or defying against its beliefs in Brussels' "
                        "resolve and assurance (docs/MODEL.md 7.9.4), at the default Minsk's rationality 2 (assumption)."},
        {"label": "defiant", "rule": {"name": "scripted", "params": {"default": "repress"}},
         "_note": "Never releases: represses whenever it can, else holds (a hand-checkable reference)."},
    ],
}

for document in (baseline, campaign, tournament):
    with open(f"scenarios/{document['name']}.json", "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False)
