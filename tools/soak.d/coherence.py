#!/usr/bin/env python3
"""Consistency checker of tools/soak: every answer about one source matches one data version.

Usage:
    coherence.py sonder URL SOURCE                      one reading of every probe and the data
                                                        version (JSON on stdout)
    coherence.py surveiller URL SOURCE SORTIE ARRET     reads the probes in a loop until the file
                                                        ARRET exists, writes the observations to SORTIE
    coherence.py verifier OBSERVATIONS ETAT...          checks the observations against the
                                                        readings ETAT... (JSON files, in the order
                                                        of the writes), prints a JSON summary

A probe is one request about the source that the writes change (items, spatial and vocabulary
filters, aggregates, a small export); its value is what the answer says of the data (a count,
or a count and a digest of the identifiers). The readings are taken while nothing writes: the
stable states of the source. An observation must equal the probe's value in one of them (a
mix of two versions equals none), and, the checker asking one request at a time, the states it
sees must follow the order of the writes (no answer from an older state after a newer one).
The weak ETag of each answer names a data version: the answer's data must be those of that
version or of a later one (a later one happens when a write lands between the reading of the
version and the reading of the data; the reverse would let a stale answer be revalidated
with 304).

Standard library only (urllib).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

SERVICE = "Aide aux démarches administratives"


def probes(source: str) -> list[tuple[str, str]]:
    """The probes: (name, path with query)."""
    def q(**params: str) -> str:
        return urllib.parse.urlencode({"source": source, **params}, quote_via=urllib.parse.quote)
    return [
        ("lieux", "/collections/lieux/items?" + q(limit="1")),
        ("emprise", "/collections/lieux/items?" + q(bbox="-5.5,41.0,10.0,51.5", limit="1")),
        ("rayon", "/collections/lieux/items?" + q(lat="48.8566", lon="2.3522", radius="30000", limit="1")),
        ("services", "/collections/lieux/items?" + q(services=SERVICE, limit="1")),
        ("agregats", "/collections/lieux/aggregates?" + q(par="departement")),
        ("export", "/export/lieux.geojson?" + q(departement="23")),
    ]


def value(name: str, body: dict) -> str:
    """What an answer says of the data, as a comparable string."""
    if name == "agregats":
        counts = sorted((f["id"], f["properties"]["lieux"]) for f in body["features"])
        digest = hashlib.sha256(json.dumps(counts).encode()).hexdigest()[:16]
        return f"{body['numberMatched']}:{digest}"
    if name == "export":
        ids = sorted(f["id"] for f in body["features"])
        digest = hashlib.sha256("\n".join(ids).encode()).hexdigest()[:16]
        return f"{len(ids)}:{digest}"
    return str(body["numberMatched"])


def etag_version(etag: str | None) -> str | None:
    """The data version named by a weak ETag `W/"<version>-<hash>"`."""
    if not etag:
        return None
    return etag.removeprefix("W/").strip('"').split("-")[0]


def fetch(base: str, path: str) -> tuple[dict, str | None]:
    request = urllib.request.Request(base + path, headers={"Accept": "application/geo+json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer), answer.headers.get("ETag")


def read_once(base: str, source: str) -> dict:
    """A stable state: each probe's value, and the data version its ETags name."""
    values, versions = {}, set()
    for name, path in probes(source):
        body, etag = fetch(base, path)
        values[name] = value(name, body)
        versions.add(etag_version(etag))
    versions.discard(None)
    if len(versions) != 1:
        raise SystemExit(f"coherence.py : les réponses d'un état stable nomment {len(versions)} versions des données")
    return {"version": int(versions.pop()), "valeurs": values}


def watch(base: str, source: str, output: str, stop: str) -> None:
    observations = []  # (probe, value, ETag version), in the order of the answers
    failures = []
    busy = 0  # 503 « service occupé »: four exports already run (the service's limit)
    while not os.path.exists(stop):
        for name, path in probes(source):
            try:
                body, etag = fetch(base, path)
                observations.append((name, value(name, body), etag_version(etag)))
            except urllib.error.HTTPError as error:
                if error.code == 503 and b"service-occupe" in error.read():
                    busy += 1
                else:
                    failures.append(f"{name} : {error}")
                time.sleep(0.2)
            except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
                failures.append(f"{name} : {error}")
                time.sleep(0.2)
    with open(output, "w", encoding="utf-8") as file:
        json.dump({"observations": observations, "failures": failures, "busy": busy}, file)


def verify(observations_file: str, state_files: list[str]) -> int:
    with open(observations_file, encoding="utf-8") as file:
        recorded = json.load(file)
    states = []
    for path in state_files:
        with open(path, encoding="utf-8") as file:
            states.append(json.load(file))
    observations = recorded["observations"]
    problems = list(recorded["failures"])
    phase = 0
    by_probe = Counter()
    phases_seen = set()
    versions_seen = set()
    tag_behind = 0
    for index, (name, observed, version) in enumerate(observations):
        by_probe[name] += 1
        where = f"réponse n° {index + 1} ({name}, « {observed} »)"
        matching = [i for i, state in enumerate(states) if state["valeurs"][name] == observed]
        if not matching:
            problems.append(f"{where} : ne correspond à aucun état stable")
            continue
        if version is None:
            problems.append(f"{where} : sans ETag")
            continue
        versions_seen.add(version)
        # The stable state the ETag names: the last one whose version is not after it.
        tagged = max((i for i, state in enumerate(states) if state["version"] <= int(version)), default=0)
        later = [i for i in matching if i >= max(phase, tagged)] or [i for i in matching if i >= phase]
        if not later:
            problems.append(f"{where} : état n° {max(matching)} vu après l'état n° {phase}")
            continue
        phase = later[0]
        phases_seen.add(phase)
        if phase < tagged:
            problems.append(f"{where} : données de l'état n° {phase} sous l'ETag de l'état n° {tagged} (version {version})")
        elif phase > tagged:
            tag_behind += 1
    summary = {
        "checks": len(observations),
        "by_probe": dict(by_probe),
        "states_seen": sorted(phases_seen),
        "versions": len(versions_seen),
        "tag_behind": tag_behind,
        "busy": recorded.get("busy", 0),
        "problems": problems[:50],
        "problem_count": len(problems),
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if not problems else 1


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "sonder":
        print(json.dumps(read_once(argv[1].rstrip("/"), argv[2]), ensure_ascii=False))
        return 0
    if len(argv) == 5 and argv[0] == "surveiller":
        watch(argv[1].rstrip("/"), argv[2], argv[3], argv[4])
        return 0
    if len(argv) >= 3 and argv[0] == "verifier":
        return verify(argv[1], argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
