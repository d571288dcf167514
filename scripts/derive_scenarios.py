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

for document in (baseline, campaign):
    with open(f"scenarios/{document['name']}.json", "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False)
