#!/usr/bin/env python3
"""Seed corpora of the fuzz targets, from the real files of ../shared/data (when present) and
from the demonstration data of the repository: small inputs, each a plausible start for the
fuzzer, written to OUT/<target>/ (one file per seed, named by its content's hash).

Usage: seeds.py OUT [SHARED_DATA]
"""
import csv
import glob
import hashlib
import io
import json
import os
import sys

OUT = sys.argv[1]
SHARED = sys.argv[2] if len(sys.argv) > 2 else "../shared/data"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(REPO, "data", "demo", "lieux-demonstration.csv")
LIMIT = 64 * 1024  # a seed larger than this only slows the fuzzer down


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data or len(data) > LIMIT:
        return
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def shared(pattern):
    return sorted(glob.glob(os.path.join(SHARED, pattern)))


def csv_files():
    return [DEMO] + shared("standard/*/*.csv") + shared("sources/*.csv")


def json_files():
    return shared("standard/*/*-v0.1.json") + shared("standard/*/*-v1.json") + shared("sources/*.json")


def read_rows(path):
    """The header and rows of a CSV file, whatever its delimiter and encoding."""
    raw = open(path, "rb").read()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return raw, rows, delimiter


def records(path):
    data = json.load(open(path, encoding="utf-8"))
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), [])
    return [r for r in data if isinstance(r, dict)]


# CSV: the first rows of each file, as written (its delimiter, its encoding), and a few rows
# taken here and there.
for path in csv_files():
    raw, rows, delimiter = read_rows(path)
    lines = raw.split(b"\n")
    write("csv", b"\n".join(lines[:4]))
    write("csv", b"\n".join(lines[:1] + lines[len(lines) // 2:len(lines) // 2 + 2]))
    if len(rows) > 1:
        buffer = io.StringIO()
        w = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
        w.writerow(rows[0])
        for row in rows[1::max(1, len(rows) // 5)][:5]:
            w.writerow(row)
        write("csv", buffer.getvalue())

# JSON: arrays of a few records of each file, in the file's own shape.
hours = set()
for path in json_files():
    items = records(path)
    for start in (0, len(items) // 2, max(0, len(items) - 2)):
        write("json", json.dumps(items[start:start + 2], ensure_ascii=False, indent=2))
    for item in items:
        value = item.get("horaires")
        if isinstance(value, str) and value:
            hours.add(value)
write("json", "[]")

# opening_hours: every distinct value of the files, and values of the standard's examples.
for path in csv_files():
    _, rows, _ = read_rows(path)
    if rows and "horaires" in rows[0]:
        column = rows[0].index("horaires")
        hours.update(r[column] for r in rows[1:] if len(r) > column and r[column])
hours.update([
    "Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00",
    "Mo-Fr 08:30-18:00; PH off",
    "Tu,Th 14:00-18:00; We[1,3] 09:00-12:00",
    "24/7",
    "Mo-Sa 10:00-19:00; Su off; Jan 01 off",
    "week 1-53/2 Mo 09:00-12:00",
    "Mo 09:00-12:00\nTu 14:00-17:00\nWe fermé\nJe 9h-12h",
])
for value in sorted(hours)[:2000]:
    write("opening-hours", value)

# Query strings of the HTTP routes.
for query in [
    "bbox=-0.6,45.5,0.6,46.2&limit=50",
    "lat=45.65&lon=0.16&radius=5000&services=Aide%20aux%20d%C3%A9marches%20administratives",
    "lat=45.65&lon=0.16&nearest=10&sortby=distance",
    "within=departement:16&typologie=BIB,MUNI&frais_a_charge=Gratuit",
    "q=m%C3%A9diath%C3%A8que&ouvert=2026-12-05T10:00&f=json",
    "code_postal=16000&code_insee=16015&date_maj_min=2023-01-01&offset=10&limit=10",
    "par=departement&services=Acc%C3%A9der%20%C3%A0%20une%20connexion%20internet",
    "bbox=-5,41,10,51&zoom=7",
    "seuils=5,10,20&par=region&suggestions=3&dispositif_programmes_nationaux=France%20Services",
    "doublons=fusionner&qualite_min=0.5&source=anct-charente",
    "crs=http://www.opengis.net/def/crs/OGC/1.3/CRS84&bbox-crs=http://www.opengis.net/def/crs/OGC/1.3/CRS84&bbox=0,45,1,46",
    "datetime=2026-12-02T10:00:00Z&ouvert=maintenant",
]:
    write("query-parameters", query)

# Polygons of POST /search, and areas: the communes of Charente and the simplified
# départements, a few features at a time.
write("search-body", '{"type":"Polygon","coordinates":[[[0.1,45.6],[0.2,45.6],[0.2,45.7],[0.1,45.7],[0.1,45.6]]]}')
write("search-body", '{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,45],[1,45],[1,46],[0,45]]],[[[2,45],[3,45],[3,46],[2,45]]]]}}')
write("search-body", '{"type":"Polygon","coordinates":[[[0,45],[1,45],[1,46],[0,46],[0,45]],[[0.2,45.2],[0.4,45.2],[0.4,45.4],[0.2,45.2]]]}')
for path in shared("geo/france-geojson-communes-16-charente-2018.geojson") + shared("geo/france-geojson-departements-simplifie-2018.geojson"):
    features = json.load(open(path, encoding="utf-8"))["features"]
    for feature in features[:40]:
        write("search-body", json.dumps(feature["geometry"]))
        write("areas", json.dumps({"type": "FeatureCollection", "features": [feature]}))
write("areas", '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"16015","nom":"Angoulême"},"geometry":{"type":"Point","coordinates":[0.156,45.649]}}]}')

# Bodies of the write routes: the demonstration venues and records of the files, as Features
# and as flat objects.
_, demo_rows, _ = read_rows(DEMO)
venues = [dict(zip(demo_rows[0], r)) for r in demo_rows[1:]]
for path in shared("standard/v1/*.json"):
    venues += records(path)[:20]
multi = {"typologie", "courriels", "site_web", "itinerance", "services", "publics_specifiquement_adresses",
         "prise_en_charge_specifique", "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels",
         "modalites_acces", "modalites_accompagnement"}
for venue in venues[:80]:
    properties = {k: v for k, v in venue.items() if v not in ("", None) and k not in ("latitude", "longitude")}
    for key in multi & properties.keys():
        if isinstance(properties[key], str):
            properties[key] = properties[key].split("|")
    try:
        geometry = {"type": "Point", "coordinates": [float(venue["longitude"]), float(venue["latitude"])]}
    except (KeyError, TypeError, ValueError):
        geometry = None
    write("venue-body", json.dumps({"type": "Feature", "geometry": geometry, "properties": properties}, ensure_ascii=False))
    write("venue-body", json.dumps({k: v for k, v in venue.items() if v not in ("", None)}, ensure_ascii=False))
write("venue-body", '{"properties": {"nom": "Médiathèque", "telephone": null}}')

# Workbooks: the standard's own (0.1), and small ones written here, Excel and OpenDocument.
import zipfile


def zipped(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            z.writestr(name, text)
    return buffer.getvalue()


for path in shared("standard/v0.1/*.xlsx"):
    write("workbook", open(path, "rb").read())
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
write("workbook", zipped([
    ("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets><sheet name="Lieux" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    ("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
    ("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}"><si><t>id</t></si><si><t>nom</t></si><si><t>Médiathèque</t></si></sst>'),
    ("xl/styles.xml", f'<styleSheet xmlns="{MAIN}"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'),
    ("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>code_postal</t></is></c></row>'
     '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2"><v>1000</v></c><c r="D2" s="1"><v>45352</v></c></row></sheetData>'
     '<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells></worksheet>'),
]))
ODS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
write("workbook", zipped([
    ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
    ("content.xml", f'<office:document-content {ODS}><office:body><office:spreadsheet><table:table table:name="Lieux">'
     '<table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>nom</text:p></table:table-cell></table:table-row>'
     '<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="1"/><table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>A<text:s text:c="2"/>B</text:p></table:table-cell><table:covered-table-cell/></table:table-row>'
     '</table:table></office:spreadsheet></office:body></office:document-content>'),
]))

# Correspondence files: those the project ships.
for path in sorted(glob.glob(os.path.join(REPO, "data", "correspondances", "*.yml"))):
    write("correspondance", open(path, "rb").read())
write("correspondance", "version: 1\ncolonnes:\n  id: Identifiant\n  nom: Nom\n  adresse: [Numéro, Voie]\n  commune: Ville\n  code_postal: CP\n"
      "constantes:\n  source: fuzz\nvaleurs:\n  services:\n    Aide aux démarches: Aide aux démarches administratives\n"
      "horaires:\n  texte: Horaires\n  jours: { lundi: Lundi, mardi: Mardi }\n")

for target in sorted(os.listdir(OUT)):
    print(f"{target}: {len(os.listdir(os.path.join(OUT, target)))} graines")
