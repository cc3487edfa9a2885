"""The duplicate search on generated venues: time and recall on known duplicates.

For each count N: tools/generate-lieux writes N venues and N/20 second records of some of them
(another id, the name and address abbreviated, upper-cased, without accents or with a typo,
the position moved by up to 150 m, a contact dropped: `--doublons`), with the list of the
true pairs. The file is imported into a new store as one source; `lieux doublons --format
json` runs (median of --runs), beside `lieux export --format geojson` of the same store (a
read of every venue, the reference); then the recall: true pairs whose two records end in one
group, and the groups that hold no true pair (two generated venues alike by chance: same name
in one commune, a few metres apart).
"""

import csv
import json
import os
import statistics
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def timed(command):
    started = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    return time.monotonic() - started, result.stdout


def peak_memory(command):
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return int(result.stderr.decode().strip().splitlines()[-1]) // 1024


def run(lieux, counts, runs):
    rows = []
    for count in counts:
        work = tempfile.mkdtemp(prefix="bench-doublons-generes-")
        data, truth, db = (os.path.join(work, name) for name in ("lieux.csv", "verite.csv", "lieux.sqlite"))
        seconds = count // 20
        subprocess.run([os.path.join(HERE, "tools/generate-lieux"), "--count", str(count), "--doublons", str(seconds),
                        "--verite", truth, "-o", data], check=True, stderr=subprocess.DEVNULL)
        subprocess.run([lieux, "import", data, "--source", "generes", "--db", db], check=True, stdout=subprocess.DEVNULL)
        export_times, search_times, out = [], [], b""
        for _ in range(runs):
            export_times.append(timed([lieux, "export", "--db", db, "--format", "geojson", "-o", os.path.join(work, "x.geojson")])[0])
            elapsed, out = timed([lieux, "doublons", "--db", db, "--format", "json"])
            search_times.append(elapsed)
        memory = peak_memory([lieux, "doublons", "--db", db, "--format", "json"])
        result = json.loads(out)
        group = {}
        for g in result["groupes"]:
            for m in g["membres"]:
                group[m["id"]] = g["id"]
        pairs = [(r["a"], r["b"]) for r in csv.DictReader(open(truth))]
        found = sum(1 for a, b in pairs if a in group and group.get(a) == group.get(b))
        true_groups = {group[a] for a, b in pairs if a in group and group.get(a) == group.get(b)}
        rows.append({
            "lieux": count + seconds, "doublons": len(pairs), "trouves": found, "rappel": found / len(pairs) if pairs else None,
            "autres_groupes": len(result["groupes"]) - len(true_groups), "paires_comparees": result["comparees"],
            "incertains": len(result["incertains"]),
            "doublons_s": statistics.median(search_times), "export_s": statistics.median(export_times), "memoire_mo": memory,
        })
        subprocess.run(["rm", "-rf", work])
    return rows


def main(args):
    lieux = args[args.index("--lieux") + 1] if "--lieux" in args else os.environ.get("LIEUX_BIN", os.path.join(HERE, ".build/release/lieux"))
    counts = [int(c) for c in args[args.index("--generes") + 1].split(",")]
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 3
    rows = run(lieux, counts, runs)
    if "--json" in args:
        print(json.dumps(rows, indent=1))
        return
    print(f"{'lieux':>9} {'doublons':>8} {'rappel':>7} {'autres groupes':>14} {'incertains':>10} {'comparées':>10} "
          f"{'doublons (s)':>12} {'export (s)':>10} {'ratio':>6} {'mémoire':>8}")
    for r in rows:
        print(f"{r['lieux']:>9} {r['doublons']:>8} {r['rappel']:>7.3f} {r['autres_groupes']:>14} {r['incertains']:>10} "
              f"{r['paires_comparees']:>10} {r['doublons_s']:>12.2f} {r['export_s']:>10.2f} {r['doublons_s'] / r['export_s']:>6.1f} "
              f"{r['memoire_mo']:>6} Mo")
