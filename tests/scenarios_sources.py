#!/usr/bin/env python3
"""Every number in a scenario carries its source or is marked as an assumption (DOMAIN.md): a
numeric value passes when its own object, or an enclosing object below the document root, has a
`_source` or `_assumption`, or its object has a `_<key>_source`/`_<key>_assumption`
note (or a `_<prefix>_...` note naming a common prefix of several keys, like `_aid_cap_assumption`).
Usage: scenarios_sources.py FILE...; exits 1 listing the JSON pointers of unannotated numbers."""
import json
import sys

NOTES = ("_source", "_assumption")


def annotated_key(obj, key):
    for note in obj:
        if not note.startswith("_") or note in NOTES:
            continue
        stem = note[1:].rsplit("_", 1)[0]  # "_aid_cap_assumption" -> "aid_cap"
        if key == stem or key.startswith(stem + "_") or key.startswith(stem):
            return True
    return False


def walk(value, pointer, inherited, missing, depth):
    if isinstance(value, dict):
        here = inherited or (depth > 0 and any(k in NOTES for k in value))
        for key, child in value.items():
            if key.startswith("_") or (depth == 0 and key == "schema_version"):
                continue
            path = f"{pointer}/{key}"
            if isinstance(child, (int, float)) and not isinstance(child, bool):
                if not (here or annotated_key(value, key)):
                    missing.append(path)
            else:
                walk(child, path, here or annotated_key(value, key), missing, depth + 1)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            walk(child, f"{pointer}/{index}", inherited, missing, depth + 1)


def main():
    status = 0
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        missing = []
        walk(document, "", False, missing, 0)
        for pointer in missing:
            print(f"{path}:{pointer}: a number without _source or _assumption")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
