#!/usr/bin/env python3
"""The second version of a source for tools/soak: a CSV of tools/generate-lieux, revised.

Usage: revision.py ENTREE SORTIE
    Writes SORTIE: the rows of ENTREE without every 25th venue (4 % withdrawn, under the 20 %
    that `lieux import` refuses), every 10th venue renamed and dated 2026-07-01, and one new
    venue (a copy of every 100th, with its own id) for each hundred. Prints the number of
    data rows of ENTREE and of SORTIE, separated by a space.

Standard library only.
"""

from __future__ import annotations

import csv
import sys


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    source, target = argv
    with open(source, encoding="utf-8", newline="") as inp, open(target, "w", encoding="utf-8", newline="") as out:
        reader = csv.reader(inp)
        writer = csv.writer(out, lineterminator="\r\n")
        header = next(reader)
        column = {name: index for index, name in enumerate(header)}
        writer.writerow(header)
        read = written = 0
        added = []
        for number, row in enumerate(reader, start=1):
            read += 1
            if number % 25 == 0:
                continue
            if number % 10 == 0:
                row[column["nom"]] = row[column["nom"]] + " (annexe)"
                row[column["date_maj"]] = "2026-07-01"
            if number % 100 == 1:
                copy = list(row)
                copy[column["id"]] = copy[column["id"]] + "-nouveau"
                copy[column["nom"]] = copy[column["nom"]] + " (nouveau)"
                added.append(copy)
            writer.writerow(row)
            written += 1
        writer.writerows(added)
        written += len(added)
    print(read, written)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
