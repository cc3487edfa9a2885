#!/usr/bin/env python3
"""Hostile requests against a running `lieux serve`: each is sent as raw bytes over a socket
(so that nothing in a client library repairs it), its answer is checked (a 4xx, a problem in
French when the service answers with a body, no file content, no SQL), and the server's memory
and the time of each answer are measured. Between two cases, the service must still answer
/health, and the store must hold the same venues.

Usage: hostile.py PORT PID TOKEN SOURCE REPORT
"""
import gzip
import json
import os
import socket
import sys
import time
import zlib

PORT, PID, TOKEN, SOURCE, REPORT = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
FAILURES = []
ROWS = []


def rss_mb():
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def exchange(data, timeout=30, pause_after=None):
    """Sends `data` (bytes, or a list of byte chunks sent with pauses) and reads the answer
    until the server closes or the timeout: (status, headers, body, seconds)."""
    s = socket.create_connection(("127.0.0.1", PORT))
    s.settimeout(timeout)
    start = time.monotonic()
    try:
        for chunk in (data if isinstance(data, list) else [data]):
            s.sendall(chunk)
            if pause_after:
                time.sleep(pause_after)
    except OSError:
        pass  # the server may close before reading everything: its answer is what counts
    received = b""
    try:
        while True:
            part = s.recv(1 << 16)
            if not part:
                break
            received += part
            head, _, rest = received.partition(b"\r\n\r\n")
            if _ and b"content-length:" in head.lower():
                length = int([l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")][0].split(b":")[1])
                if len(rest) >= length:
                    break
    except socket.timeout:
        pass
    except ConnectionResetError:
        pass
    finally:
        s.close()
    seconds = time.monotonic() - start
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1]) if lines and lines[0].startswith(b"HTTP/1.1") else None
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower().decode()] = value.strip().decode(errors="replace")
    return status, headers, body, seconds


def request(method, target, headers=None, body=b"", keep=False):
    lines = [f"{method} ".encode() + (target if isinstance(target, bytes) else target.encode()) + b" HTTP/1.1", b"Host: 127.0.0.1"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}".encode())
    if body and not any(n.lower() in ("content-length", "transfer-encoding") for n in (headers or {})):
        lines.append(f"Content-Length: {len(body)}".encode())
    if not keep:
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def venues():
    status, _, body, _ = exchange(request("GET", f"/collections/lieux/items?source={SOURCE}&limit=1"))
    return json.loads(body)["numberMatched"] if status == 200 else None


def check(name, data, expected, answer="problem", timeout=30, **kwargs):
    """Sends a case and checks it: `expected` is the set of acceptable statuses; `answer`:
    "problem" (a French problem+json), "any" (any body), "none" (the connection closed without
    an answer is right, e.g. a body that never comes)."""
    before = rss_mb()
    status, headers, body, seconds = exchange(data, timeout=timeout, **kwargs)
    after = rss_mb()
    problems = []
    if answer == "none":
        if status is not None and status not in expected:
            problems.append(f"statut {status}")
    elif status not in expected:
        problems.append(f"statut {status}, attendu {sorted(expected)}")
    if status is not None and status >= 400 and answer == "problem":
        if not headers.get("content-type", "").startswith("application/problem+json"):
            problems.append(f"type {headers.get('content-type')}")
        else:
            try:
                document = json.loads(body)
                detail = document.get("detail", "")
                if not detail or not any(c in detail for c in "éèàçêôù«"):
                    problems.append("detail sans français")
            except ValueError:
                problems.append("problème illisible")
    if b"root:x:0:0" in body or b"swift-tools-version" in body:
        problems.append("contenu d'un fichier du serveur")
    if b"SELECT" in body or b"sqlite" in body.lower():
        problems.append("SQL dans la réponse")
    alive = exchange(request("GET", "/health"))[0] == 200
    if not alive:
        problems.append("le service ne répond plus")
    result = "ok" if not problems else "ÉCHEC : " + "; ".join(problems)
    if problems:
        FAILURES.append(f"{name} : {result}")
    code = json.loads(body).get("type", "").replace("urn:lieux:probleme:", "") if status and status >= 400 and body.startswith(b"{") else ""
    shown = "fermée sans réponse" if status is None else f"{status} {code}".strip()
    ROWS.append(f"| {name} | {shown} | {seconds * 1000:.0f} ms | {before:.0f} → {after:.0f} Mo | {result} |")
    print(f"  {name} : {shown} en {seconds * 1000:.0f} ms, mémoire {before:.0f} → {after:.0f} Mo : {result}", flush=True)


count = venues()
start_rss = rss_mb()
auth = {"Authorization": f"Bearer {TOKEN}"}

# Path traversal on every route that names a file.
for target in [
    "/carte/leaflet/../../../../etc/passwd", "/carte/leaflet/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/carte/leaflet/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/carte/leaflet/images/..%2f..%2f..%2fPackage.swift",
    "/carte/..%2f..%2fPackage.swift", "/carte/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/export/..%2f..%2fetc%2fpasswd",
    "/carte/leaflet/%252e%252e%252fetc%252fpasswd", "/carte/leaflet/..%5c..%5cetc%5cpasswd", "//etc/passwd",
    "/carte/leaflet/%00leaflet.js",
]:
    check(f"chemin {target}", request("GET", target), {400, 404})

# Query strings of 1 MB, 10,000 parameters, one parameter 10,000 times.
check("requête de 1 Mo", request("GET", "/collections/lieux/items?q=" + "A" * (1 << 20)), {414, 431, 400})
check("10 000 paramètres", request("GET", "/collections/lieux/items?" + "&".join(f"p{i}=1" for i in range(10000))), {400, 431})
check("un paramètre 10 000 fois", request("GET", "/collections/lieux/items?" + "&".join("services=x" for _ in range(10000))), {400, 431})
check("10 000 valeurs dans une liste", request("GET", "/collections/lieux/items?typologie=" + ",".join(["BIB"] * 10000)), {200, 400, 431}, answer="any")

# SQL meta-characters in every kind of parameter and in an id.
for query in [
    "q=%27%20OR%201%3D1%20--", "q=%22%3B%20DROP%20TABLE%20lieu%3B%20--", "source=x%27)%3B%20DELETE%20FROM%20lieu%3B--",
    "services=%27", "code_postal=75001%27%20OR%20%271%27%3D%271", "sortby=nom%3B%20DROP%20TABLE%20lieu",
    "within=commune:1%27%20OR%201%3D1", "bbox=0,0,1,1)%20OR%20(1%3D1", "q=*%20OR%20nom%3A*", "q=%25%25%25_%5C",
]:
    check(f"SQL dans {query.split('=')[0]}", request("GET", "/collections/lieux/items?" + query), {200, 400, 404}, answer="any")
check("SQL dans un id", request("GET", "/collections/lieux/items/%27%20OR%201%3D1%20--"), {404})
check("SQL dans une source", request("PUT", f"/sources/x%27%3B%20DROP%20TABLE%20lieu%3B--/lieux", {**auth, "Content-Type": "text/csv"}, b"id,nom\n"), {400, 403, 404})

# Malformed UTF-8 and percent-encoding.
for target in [b"/collections/lieux/items?q=%FF%FE", b"/collections/lieux/items?q=%E9", b"/collections/lieux/items?q=%",
               b"/collections/lieux/items?q=%zz", b"/collections/lieux/items/\xff\xfe", b"/collections/lieux/items?q=\xc3\x28",
               b"/collections/lieux/items/%C0%AF", b"/communes?q=%ED%A0%80"]:
    check(f"encodage {target.decode(errors='replace')}", request("GET", target), {400, 404})

# Content-Length and Range lies.
check("Content-Length de 100 Go", request("POST", "/validate", {"Content-Type": "text/csv", "Content-Length": str(100 << 30)}, b"id,nom\n"), {413})
check("Content-Length négatif", request("POST", "/validate", {"Content-Type": "text/csv", "Content-Length": "-5"}, b"id,nom\n"), {400})
check("Content-Length double et différent", request("POST", "/validate", {"Content-Type": "text/csv", "Content-Length": "3\r\nContent-Length: 7"}, b"id,nom\n"), {400})
check("Content-Length plus court que le corps", request("POST", "/validate", {"Content-Type": "text/csv", "Content-Length": "3"}, b"id,nom\nGARBAGE / HTTP/1.1\r\n\r\n"), {200, 400}, answer="any")
check("corps annoncé jamais envoyé (coupé par le délai d'inactivité)",
      request("POST", "/validate", {"Content-Type": "text/csv", "Content-Length": "1000"}, b"id,nom\n"), {400, 408}, answer="none", timeout=90)
check("Range au-delà de la fin", request("GET", "/export/lieux.csv", {"Range": "bytes=999999999-"}), {200, 416}, answer="any")
check("10 000 plages Range", request("GET", "/export/lieux.csv", {"Range": "bytes=" + ",".join(f"{i}-{i}" for i in range(10000))}), {200, 416, 431}, answer="any")
check("Transfer-Encoding et Content-Length", request("POST", "/validate", {"Content-Type": "text/csv", "Transfer-Encoding": "chunked", "Content-Length": "5"}, b"0\r\n\r\n"), {400, 200}, answer="any")
check("morceau de taille fausse", request("POST", "/validate", {"Content-Type": "text/csv", "Transfer-Encoding": "chunked"}, b"zz\r\nabc\r\n0\r\n\r\n"), {400})

# Bodies: nesting, huge polygons, gzip bombs.
check("JSON imbriqué 100 000 fois (recherche)", request("POST", "/collections/lieux/search", {"Content-Type": "application/geo+json"}, b"[" * 100000 + b"]" * 100000), {400})
check("JSON imbriqué 100 000 fois (écriture)", request("POST", "/collections/lieux/items", {**auth, "Content-Type": "application/geo+json"}, b'{"a":' * 100000 + b"1" + b"}" * 100000), {400})
check("JSON imbriqué 100 000 fois (validation)", request("POST", "/validate", {"Content-Type": "application/json"}, b"[" * 100000), {200, 400}, answer="any")
ring = ",".join(f"[{(i % 1000) / 1000:.6f},{(i // 1000) / 1000:.6f}]" for i in range(1_000_000))
polygon = ('{"type":"Polygon","coordinates":[[' + ring + ",[0.000000,0.000000]]]}").encode()
check(f"polygone d'un million de sommets ({len(polygon) >> 20} Mo)", request("POST", "/collections/lieux/search", {"Content-Type": "application/geo+json"}, polygon), {413}, timeout=120)
ring = ",".join(f"[{(i % 1000) / 1000:.4f},{(i // 1000) / 1000:.4f}]" for i in range(150_000))
polygon = ('{"type":"Polygon","coordinates":[[' + ring + ",[0.0000,0.0000]]]}").encode()
check(f"polygone de 150 000 sommets ({len(polygon) >> 20} Mo)", request("POST", "/collections/lieux/search", {"Content-Type": "application/geo+json"}, polygon), {400}, timeout=120)
bomb = gzip.compress(b"id,nom\n" + b"0" * (1 << 30), compresslevel=9)
check(f"bombe gzip ({len(bomb) >> 10} Ko pour 1 Go)", request("POST", "/validate", {"Content-Type": "text/csv", "Content-Encoding": "gzip"}, bomb), {415})
check("bombe gzip en publication", request("PUT", f"/sources/{SOURCE}/lieux", {**auth, "Content-Type": "text/csv", "Content-Encoding": "gzip"}, bomb), {415})
check("bombe deflate", request("POST", "/collections/lieux/search", {"Content-Type": "application/geo+json", "Content-Encoding": "deflate"}, zlib.compress(b" " * (1 << 28))), {415})
check("type de corps inconnu", request("POST", "/collections/lieux/items", {**auth, "Content-Type": "application/x-evil"}, b"\x00\x01"), {400, 415})

# Many connections at once: every request is answered (a read that blocked the threads of
# Swift's pool once stopped the service for good from 12 connections on 2 cores).
def many_at_once(connections=64, rounds=5):
    import threading
    paths = ["/collections/lieux/items/demonstration%3Ademo-001", "/collections/lieux/items?bbox=-5,41,10,51&limit=10",
             "/collections/lieux/clusters?bbox=-5,41,10,51&zoom=6", "/collections/lieux/items?lat=48.86&lon=2.38&nearest=5",
             "/collections/lieux/aggregates?par=departement", "/health"]
    answered, lock = [0], threading.Lock()

    def worker(k):
        for r in range(rounds):
            status = exchange(request("GET", paths[(k + r) % len(paths)]), timeout=30)[0]
            if status in (200, 304):
                with lock:
                    answered[0] += 1

    before = rss_mb()
    start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.monotonic() - start
    expected = connections * rounds
    alive = exchange(request("GET", "/health"))[0] == 200
    result = "ok" if answered[0] == expected and alive else f"ÉCHEC : {answered[0]} réponses sur {expected}" + ("" if alive else ", le service ne répond plus")
    if result != "ok":
        FAILURES.append(f"{connections} connexions simultanées : {result}")
    ROWS.append(f"| {connections} connexions simultanées, {expected} requêtes | {answered[0]} × 200 | {seconds * 1000:.0f} ms | {before:.0f} → {rss_mb():.0f} Mo | {result} |")
    print(f"  {connections} connexions simultanées : {answered[0]}/{expected} réponses en {seconds:.1f} s : {result}", flush=True)


many_at_once()

# A token must never reach the log: checked by the caller, which reads the log.
check("jeton faux", request("PUT", f"/sources/{SOURCE}/lieux", {"Authorization": "Bearer jeton-secret-de-test-0123456789", "Content-Type": "text/csv"}, b"id,nom\n"), {401, 403})

end_rss = rss_mb()
if venues() != count:
    FAILURES.append(f"le nombre de lieux a changé : {count} → {venues()}")
with open(REPORT, "w") as f:
    f.write("# Requêtes hostiles\n\n")
    f.write(f"Mémoire du service : {start_rss:.0f} Mo au début, {end_rss:.0f} Mo à la fin ; lieux : {count} avant, {venues()} après.\n\n")
    f.write("| requête | réponse | durée | mémoire | résultat |\n|---|---|---|---|---|\n")
    f.write("\n".join(ROWS) + "\n")
print(f"mémoire du service : {start_rss:.0f} Mo → {end_rss:.0f} Mo ; {len(ROWS)} requêtes hostiles, {len(FAILURES)} échec(s)")
for failure in FAILURES:
    print("ÉCHEC " + failure, file=sys.stderr)
sys.exit(1 if FAILURES else 0)
