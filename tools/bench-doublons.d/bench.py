"""Duplicates: precision and recall on the labelled real pairs, Lieux beside the national
cartography's rule.

The cartography's rule, as its command `mednum-cli dedupliquer` computes it
(anct-cartographie-nationale/mednum-cli, src/dedupliquer/steps/find-duplicates and
duplication-comparisons; read, not copied):

- candidates: two records with the same `code_postal`, not the same id, from two different
  sources (within one source only when internal merges are allowed), and compatible
  typologies (a France Services record pairs only with a France Services or PIMMS record);
- three scores from 0 to 100: fuzzball's `ratio` of the names, `ratio` of the addresses
  (`adresse` only), and a distance score from the raw difference of degrees
  d = sqrt(Δlat² + Δlon²): 100 when d < 0.0004, else trunc(100 / (1000·d + 1)); a record
  without coordinates gives no score, so the pair is dropped;
- score = trunc(mean of the three); a duplicate when score > 60 (> 90 within one source);
- groups: pairs above the threshold joined transitively.

Issue 14 describes the rule as « average of three fuzzy scores ≥ 83 within one INSEE code »;
both readings are computed: `insee-83` (same code_insee, score ≥ 83, any sources) and
`cp-60` (the code above). fuzzball's ratio is Levenshtein's normalised indel similarity after
its default processing (lower case, non-alphanumerics to spaces, trimmed), rounded:
rapidfuzz's `fuzz.ratio` with `default_process` computes the same.

A labelled pair counts as found « meme » when its two records end in one group, for every
system (Lieux: `lieux doublons --format json`).
"""

import csv
import io
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

from rapidfuzz import fuzz, utils

HERE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LABELS = os.path.join(HERE, "Tests/LieuxStoreTests/Fixtures/doublons/paires-etiquetees.csv")
# The second set: pairs with a record of a producer's file (construire --producteurs).
LABELS_PRODUCTEURS = os.path.join(HERE, "Tests/LieuxStoreTests/Fixtures/doublons/paires-etiquetees-producteurs.csv")


def run(*args):
    return subprocess.run(list(args), check=True, capture_output=True, text=True).stdout


def records(lieux, db):
    sources = re.findall(r"^  (\S+) : \d+ lieux", run(lieux, "stats", "--db", db), re.M)
    out = {}
    for source in sources:
        for row in csv.DictReader(io.StringIO(run(lieux, "export", "--format", "csv", "--db", db, "--source", source))):
            row["_source"] = source
            out[f"{source}:{row['id']}"] = row
    return out


def ratio(a, b):
    return round(fuzz.ratio(a or "", b or "", processor=utils.default_process))


def distance_score(a, b):
    try:
        d = math.hypot(float(a["latitude"]) - float(b["latitude"]), float(a["longitude"]) - float(b["longitude"]))
    except ValueError:
        return None
    return 100 if d < 0.0004 else math.trunc(100 / (d * 1000 + 1))


def score(a, b):
    distance = distance_score(a, b)
    if distance is None:
        return None
    return math.trunc((ratio(a["nom"], b["nom"]) + ratio(a["adresse"], b["adresse"]) + distance) / 3)


def compatible(a, b):
    return a["typologie"] in ("RFS", "PIMMS") or b["typologie"] != "RFS"


class Groups:
    def __init__(self):
        self.parent = {}

    def find(self, x):
        while self.parent.get(x, x) != x:
            x = self.parent[x]
        return x

    def join(self, x, y):
        self.parent[self.find(x)] = self.find(y)

    def same(self, x, y):
        return self.find(x) == self.find(y)


def cartography(recs, variant):
    """The groups of the cartography's rule over every record of the store."""
    blocks = defaultdict(list)
    for ref, r in recs.items():
        key = r["code_insee"] if variant == "insee-83" else r["code_postal"]
        if key:
            blocks[key].append(ref)
    groups = Groups()
    for refs in blocks.values():
        for i, x in enumerate(refs):
            for y in refs[i + 1:]:
                a, b = recs[x], recs[y]
                if a["id"] == b["id"]:
                    continue
                if variant == "cp-60" and not compatible(a, b):
                    continue
                s = score(a, b)
                if s is None:
                    continue
                internal = a["_source"] == b["_source"]
                if (variant == "insee-83" and s >= 83) or (variant == "cp-60" and s > (90 if internal else 60)):
                    groups.join(x, y)
    return groups


def lieux_groups(lieux, db):
    result = json.loads(run(lieux, "doublons", "--db", db, "--format", "json"))
    groups = Groups()
    for g in result["groupes"]:
        refs = [f"{m['source']}:{m['id']}" for m in g["membres"]]
        for r in refs[1:]:
            groups.join(refs[0], r)
    return groups


def measure(labels, same):
    tp = sum(1 for a, b, e in labels if e == "meme" and same(a, b))
    fp = sum(1 for a, b, e in labels if e != "meme" and same(a, b))
    fn = sum(1 for a, b, e in labels if e == "meme" and not same(a, b))
    return {
        "vrais_positifs": tp, "faux_positifs": fp, "faux_negatifs": fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "rappel": round(tp / (tp + fn), 3) if tp + fn else None,
    }


def main(args):
    lieux = args[args.index("--lieux") + 1] if "--lieux" in args else os.path.join(HERE, ".build/debug/lieux")
    producteurs = "--producteurs" in args
    if "--db" in args:
        db = args[args.index("--db") + 1]
    else:
        db = os.path.join(tempfile.mkdtemp(prefix="bench-doublons-"), "lieux.sqlite")
        subprocess.run([os.path.join(HERE, "tools/doublons-etiquettes/construire"), db, lieux]
                       + (["--producteurs"] if producteurs else []), check=True)
    recs = records(lieux, db)
    labels = [(r["a"], r["b"], r["etiquette"]) for r in csv.DictReader(open(LABELS_PRODUCTEURS if producteurs else LABELS))]
    unknown = [ref for a, b, _ in labels for ref in (a, b) if ref not in recs]
    if unknown:
        sys.exit(f"{len(unknown)} identifiants étiquetés absents de la base, dont {unknown[0]}")
    meme = [(a, b) for a, b, e in labels if e == "meme"]
    no_insee = sum(1 for a, b in meme if not recs[a]["code_insee"] or not recs[b]["code_insee"])
    other_insee = sum(1 for a, b in meme if recs[a]["code_insee"] and recs[b]["code_insee"] and recs[a]["code_insee"] != recs[b]["code_insee"])
    other_cp = sum(1 for a, b in meme if recs[a]["code_postal"] != recs[b]["code_postal"])
    systems = {"lieux": lieux_groups(lieux, db), "insee-83": cartography(recs, "insee-83"), "cp-60": cartography(recs, "cp-60")}
    report = {
        "paires": len(labels), "meme": len(meme), "different": len(labels) - len(meme),
        "meme_sans_code_insee": no_insee, "meme_codes_insee_differents": other_insee, "meme_codes_postaux_differents": other_cp,
        "systemes": {name: measure(labels, groups.same) for name, groups in systems.items()},
    }
    if "--json" in args:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    print(f"{report['paires']} paires étiquetées : {report['meme']} « meme », {report['different']} « different ».")
    print(f"Paires « meme » dont un lieu n'a pas de code INSEE : {no_insee} (la règle par code INSEE ne peut pas les trouver) ;"
          f" codes INSEE différents : {other_insee} ; codes postaux différents : {other_cp}.")
    print(f"{'système':<10} {'précision':>9} {'rappel':>7} {'VP':>5} {'FP':>4} {'FN':>4}")
    for name, m in report["systemes"].items():
        p = "—" if m["precision"] is None else f"{m['precision']:.3f}"
        r = "—" if m["rappel"] is None else f"{m['rappel']:.3f}"
        print(f"{name:<10} {p:>9} {r:>7} {m['vrais_positifs']:>5} {m['faux_positifs']:>4} {m['faux_negatifs']:>4}")


if __name__ == "__main__":
    if "--generes" in sys.argv:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import generes
        generes.main(sys.argv[1:])
    else:
        main(sys.argv[1:])
