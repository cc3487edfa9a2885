#!/usr/bin/env python3
"""faults.py — the fault-injection tests behind tools/faults (Python 3 standard library only).

Each fault runs against its own temporary store under $TMPDIR/lieux-pannes.XXXXXX, with
`lieux serve` on a free port of 127.0.0.1 when it needs a server; everything (servers,
tmpfs mounts, files) is undone at exit. "The store as before" means: the same CSV export
(sha256), the same venues per source (`lieux stats --format json`), and
`PRAGMA integrity_check` = ok.
"""

from __future__ import annotations

import argparse
import atexit
import csv
import errno
import hashlib
import http.client
import json
import os
import random
import re
import resource
import select
import shutil
import signal
import socket
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
DEMO = REPO / "data" / "demo" / "lieux-demonstration.csv"
SHARED = Path(os.environ.get("LIEUX_SHARED_DATA", REPO.parent / "shared" / "data"))
BBOX_PAGE = "/collections/lieux/items?bbox=-5.5,41,10,51.5&limit=20"
# Words that say why a write failed, per fault.
SPACE_WORDS = r"espace|disque|plein|saturé"
READONLY_WORDS = r"lecture seule|droits?|permission|protégée|ne peut pas (être )?(modifiée|écrite)"
NOBODY = 65534

BIN = ""
WORK = Path()
IS_ROOT = os.geteuid() == 0
SERVERS: list["Server"] = []
MOUNTS: list[Path] = []


# ---------------------------------------------------------------- small helpers

def say(text: str) -> None:
    print(text, flush=True)


def lieux(args: list[str], unprivileged: bool = False, timeout: float = 900,
          env: dict | None = None) -> subprocess.CompletedProcess:
    """Runs the lieux binary (as `nobody` when asked and when we are root); bytes out."""
    cmd = [BIN, *map(str, args)]
    if unprivileged and IS_ROOT:
        cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *cmd]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def error_text(proc: subprocess.CompletedProcess) -> str:
    """The error lines of a CLI run (`Erreur : …`), else its last line on stderr."""
    lines = [l.strip() for l in proc.stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    errors = [l for l in lines if l.lower().startswith("erreur")]
    return " ".join(errors or lines[-1:]) or "(aucun message)"


def french(text: str) -> bool:
    return bool(re.search(r"[éèàçêâîôû]|\b(le|la|les|de|des|du|une?|est|pas)\b", text, re.I))


def integrity(db: Path) -> str:
    try:
        con = sqlite3.connect(str(db), timeout=30)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
        return "ok" if rows == [("ok",)] else "; ".join(r[0] for r in rows[:3])
    except sqlite3.Error as exc:
        return f"erreur SQLite : {exc}"


@dataclass(frozen=True)
class State:
    export_sha: str
    sources: tuple
    integrity: str

    def describe(self) -> str:
        per_source = ", ".join(f"{s} {n}" for s, n in self.sources) or "aucune source"
        export = self.export_sha[:12] if re.fullmatch(r"[0-9a-f]{64}", self.export_sha) else self.export_sha
        return f"{per_source} ; export {export} ; intégrité {self.integrity}"


def state(db: Path, source: str | None = None) -> State:
    args = ["export", "--db", db, "--format", "csv"] + (["--source", source] if source else [])
    exp = lieux(args)
    sha = hashlib.sha256(exp.stdout).hexdigest() if exp.returncode == 0 else f"export impossible ({error_text(exp)})"
    st = lieux(["stats", "--db", db, "--format", "json"])
    try:
        sources = tuple((s["source"], s["lieux"]) for s in json.loads(st.stdout)["sources"])
    except (ValueError, KeyError):
        sources = (("stats impossible", error_text(st)),)
    return State(sha, sources, integrity(db))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def token(db: Path, source: str) -> str:
    proc = lieux(["jetons", "creer", "--source", source, "--nom", "essais de pannes", "--db", db])
    if proc.returncode != 0:
        raise RuntimeError(f"jeton impossible : {error_text(proc)}")
    return proc.stdout.decode().strip()


def seed_store(db: Path, source: str = "demonstration", csv_file: Path = DEMO) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    proc = lieux(["import", csv_file, "--source", source, "--db", db])
    if proc.returncode != 0:
        raise RuntimeError(f"import initial impossible : {error_text(proc)}")


def chown_tree(path: Path, uid: int) -> None:
    for p in [path, *path.rglob("*")]:
        os.chown(p, uid, uid)


def files_of(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0


def mount_tmpfs(folder: Path, size: str) -> str | None:
    """Mounts a tmpfs of this size on folder; returns None, or why it could not."""
    folder.mkdir(parents=True, exist_ok=True)
    if not IS_ROOT:
        return "il faut être root pour monter un tmpfs"
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return f"mount a échoué : {proc.stderr.strip()}"
    MOUNTS.append(folder)
    return None


def unmount(folder: Path) -> None:
    if folder in MOUNTS:
        subprocess.run(["umount", str(folder)], capture_output=True)
        MOUNTS.remove(folder)


def used_kb(folder: Path) -> int:
    st = os.statvfs(folder)
    return (st.f_blocks - st.f_bfree) * st.f_frsize // 1024


# ---------------------------------------------------------------- the server

class Server:
    def __init__(self, db: Path, name: str, extra: list[str] | None = None,
                 unprivileged: bool = False, tmpdir: Path | None = None):
        self.db, self.name, self.extra = db, name, extra or []
        self.unprivileged, self.tmpdir = unprivileged, tmpdir
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.log = WORK / f"serve-{name}.log"
        self.starts = 0

    def start(self, timeout: float = 60) -> bool:
        self.port = free_port()
        cmd = [BIN, "serve", "--db", str(self.db), "--host", "127.0.0.1", "--port", str(self.port),
               "--log-level", "warning", "--tuiles", "aucun", *self.extra]
        if self.unprivileged and IS_ROOT:
            cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *cmd]
        env = dict(os.environ)
        if self.tmpdir:
            env["TMPDIR"] = str(self.tmpdir)
        self.starts += 1
        with open(self.log, "a") as log:
            log.write(f"--- démarrage n° {self.starts}\n")
            log.flush()
            self.proc = subprocess.Popen(cmd, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env=env)
        if self not in SERVERS:
            SERVERS.append(self)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                if self.get("/health", timeout=2)[0] == 200:
                    return True
            except OSError:
                pass
            time.sleep(0.1)
        return False

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def request(self, method: str, path: str, body=None, headers: dict | None = None,
                timeout: float = 30) -> tuple[int, dict, bytes]:
        con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            con.request(method, path, body=body, headers=headers or {})
            resp = con.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            con.close()

    def get(self, path: str, timeout: float = 30) -> tuple[int, dict, bytes]:
        return self.request("GET", path, timeout=timeout)

    def try_get(self, path: str, timeout: float = 30) -> str:
        """Status of a GET, or what went wrong, as a short French phrase."""
        try:
            return str(self.get(path, timeout=timeout)[0])
        except (OSError, http.client.HTTPException) as exc:
            return f"pas de réponse ({type(exc).__name__})"

    def put_source(self, source: str, csv_path: Path, tok: str, query: str = "autoriser-retraits=1",
                   timeout: float = 900) -> tuple[int, dict, bytes]:
        with open(csv_path, "rb") as f:
            data = f.read()
        return self.request("PUT", f"/sources/{source}/lieux?{query}", body=data, timeout=timeout,
                            headers={"Authorization": f"Bearer {tok}", "Content-Type": "text/csv"})

    def stop(self) -> int | None:
        if not self.alive():
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def kill9(self) -> None:
        if self.alive():
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def fd_count(self) -> int | None:
        try:
            return len(os.listdir(f"/proc/{self.proc.pid}/fd"))
        except OSError:
            return None

    def rss_mb(self) -> float | None:
        try:
            for line in open(f"/proc/{self.proc.pid}/status"):
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return None

    def last_error(self) -> str:
        """The last error line of the server's log (where it says what SQLite said)."""
        try:
            lines = [l.strip() for l in open(self.log, encoding="utf-8", errors="replace")]
        except OSError:
            return ""
        errors = [l for l in lines if " error " in l or " critical " in l]
        if not errors:
            return ""
        text = errors[-1].split("] ", 1)[-1]
        return text if len(text) <= 240 else text[:240] + "…"


def burst(server: "Server", path: str, count: int = 8) -> str:
    """`count` concurrent GETs (so that the server's pool opens more connections), summed up
    as « 8×200 » or « 7×200, 1×500 »."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(count) as pool:
        statuses = list(pool.map(lambda _: server.try_get(path), range(count)))
    return ", ".join(f"{statuses.count(s)}×{s}" for s in sorted(set(statuses)))


def burst_ok(summary: str, allowed: tuple[str, ...] = ("200",)) -> bool:
    return all(part.split("×", 1)[-1] in allowed for part in summary.split(", "))


def problem_of(status: int, headers: dict, body: bytes) -> dict | None:
    if "problem+json" not in headers.get("content-type", ""):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def describe_answer(status: int, headers: dict, body: bytes) -> str:
    prob = problem_of(status, headers, body)
    if prob is not None:
        return f"{status} problem+json « {prob.get('title', '')} : {prob.get('detail', '')} »"
    try:
        report = json.loads(body)
        return f"{status} ({report.get('status', '?')}, {report.get('stored', '?')} lieux)"
    except (ValueError, AttributeError):
        return f"{status} ({headers.get('content-type', '?')})"


# ---------------------------------------------------------------- results

@dataclass
class Result:
    number: str
    fault: str
    expected: str
    outcome: str
    ok: bool | None  # None: skipped
    notes: list[str] = field(default_factory=list)


RESULTS: list[Result] = []


def record(number: str, fault: str, expected: str, outcome: str, ok: bool | None,
           notes: list[str] | None = None) -> None:
    RESULTS.append(Result(number, fault, expected, outcome, ok, notes or []))
    mark = {True: "ok", False: "ÉCHEC", None: "ignoré"}[ok]
    say(f"[{mark}] {number}. {fault} → {outcome}")
    for note in notes or []:
        say(f"        {note}")


# ---------------------------------------------------------------- test files

def big_csv(count: int, seed: int) -> tuple[Path, str]:
    """A CSV of `count` valid venues: tools/generate-lieux, or the demonstration rows repeated
    with new identifiers when ../shared/data is absent."""
    out = WORK / f"lieux-{count}.csv"
    proc = subprocess.run([sys.executable, str(REPO / "tools" / "generate-lieux"), "--count", str(count),
                           "--seed", str(seed), "-o", str(out)], capture_output=True, text=True)
    if proc.returncode == 0:
        return out, f"{count} lieux de tools/generate-lieux (graine {seed})"
    with open(DEMO, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    id_col = header.index("id")
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        for i in range(count):
            row = list(body[i % len(body)])
            row[id_col] = f"{row[id_col]}-copie-{i}"
            w.writerow(row)
    return out, f"{count} lieux : les lignes de démonstration répétées (../shared/data absent)"


def demo_minus_one() -> Path:
    """The demonstration file without its last venue: a small, valid change of the source."""
    out = WORK / "demonstration-moins-un.csv"
    with open(DEMO, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with open(out, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows[:-1])
    return out


# ---------------------------------------------------------------- 1. disk full

def fault_disk_full(big: Path, big_label: str) -> None:
    name = "Disque plein pendant un import"
    folder = WORK / "plein"
    why = mount_tmpfs(folder, "4m")
    if why:
        record("1", name, "erreur claire, base intacte", f"non testé : {why}", None)
        return
    db = folder / "lieux.sqlite"
    seed_store(db)
    tok = token(db, "demonstration")
    before = state(db)
    used_before = used_kb(folder)

    # By the command line: a new source too big for the 4 Mo left.
    t0 = time.monotonic()
    proc = lieux(["import", big, "--source", "volumineuse", "--db", db])
    seconds = time.monotonic() - t0
    message = error_text(proc)
    after = state(db)
    ok = (proc.returncode != 0 and french(message) and re.search(SPACE_WORDS, message, re.I) is not None
          and after == before)
    notes = [f"fichier : {big_label} ({big.stat().st_size // 1024} Kio) ; tmpfs de 4 Mio, {used_before} Kio occupés avant"]
    if not re.search(SPACE_WORDS, message, re.I):
        notes.append("le message ne dit pas que le disque est plein")
    record("1a", f"{name} (lieux import)",
           "code ≠ 0, message en français qui parle d'espace disque, base comme avant",
           f"code {proc.returncode} en {seconds:.0f} s, « {message} » ; base "
           + ("comme avant" if after == before else f"CHANGÉE ({before.describe()} → {after.describe()})")
           + f" ; intégrité {after.integrity} ; {used_kb(folder)} Kio occupés après", ok, notes)

    # By HTTP: the seeded source replaced by the big file.
    server = Server(db, "plein")
    if not server.start():
        record("1b", f"{name} (PUT /sources/{{source}}/lieux)", "5xx problem+json en français",
               "le serveur n'a pas démarré", False)
        unmount(folder)
        return
    t0 = time.monotonic()
    try:
        answer = server.put_source("demonstration", big, tok)
        outcome = describe_answer(*answer)
        status, headers, body = answer
        prob = problem_of(*answer)
    except (OSError, http.client.HTTPException) as exc:
        status, prob, outcome = 0, None, f"pas de réponse ({type(exc).__name__})"
    seconds = time.monotonic() - t0
    health, page = server.try_get("/health"), server.try_get(BBOX_PAGE)
    after = state(db)
    detail = (prob or {}).get("detail", "") + " " + (prob or {}).get("title", "")
    # A small write afterwards: the service recovers once the big transaction is gone.
    try:
        small = describe_answer(*server.put_source("demonstration", demo_minus_one(), tok))
    except (OSError, http.client.HTTPException) as exc:
        small = f"pas de réponse ({type(exc).__name__})"
    alive = server.alive()
    server.stop()
    ok = (500 <= status <= 599 and prob is not None and french(detail) and after == before
          and health == "200" and page == "200" and alive)
    notes = []
    if prob is not None and not re.search(SPACE_WORDS, detail, re.I):
        notes.append("la réponse ne dit pas que le disque est plein (erreur interne générique)")
    if server.last_error():
        notes.append(f"journal du serveur : {server.last_error()}")
    notes.append(f"écriture suivante (la démonstration moins un lieu) : {small}")
    record("1b", f"{name} (PUT /sources/{{source}}/lieux)",
           "5xx problem+json en français, base comme avant, le service répond encore",
           f"{outcome} en {seconds:.0f} s ; base " + ("comme avant" if after == before else "CHANGÉE")
           + f", intégrité {after.integrity} ; ensuite /health {health}, page bbox {page}", ok, notes)
    unmount(folder)


# ---------------------------------------------------------------- 2. read-only store

def fault_read_only() -> None:
    name = "Base en lecture seule"
    folder = WORK / "lecture-seule"
    db = folder / "lieux.sqlite"
    seed_store(db)
    tok = token(db, "demonstration")
    small = demo_minus_one()
    if IS_ROOT:
        chown_tree(folder, NOBODY)
    before = state(db)
    user_note = "serveur et import lancés sous l'utilisateur nobody (root ignore les droits des fichiers)" \
        if IS_ROOT else "serveur et import lancés sous l'utilisateur courant"

    # 2a. chmod while serving.
    server = Server(db, "lecture-seule", unprivileged=True)
    if not server.start():
        record("2a", name, "lectures servies", "le serveur n'a pas démarré", False)
        return
    os.chmod(db, 0o444)
    os.chmod(folder, 0o555)
    reads = (server.try_get("/health"), server.try_get(BBOX_PAGE))
    cli = lieux(["import", small, "--source", "demonstration", "--db", db], unprivileged=True)
    cli_msg = error_text(cli)
    after_cli = state(db)
    try:
        answer = server.put_source("demonstration", small, tok)
        http_outcome, status, prob = describe_answer(*answer), answer[0], problem_of(*answer)
    except (OSError, http.client.HTTPException) as exc:
        http_outcome, status, prob = f"pas de réponse ({type(exc).__name__})", 0, None
    after_http = state(db)
    cli_ok = (cli.returncode != 0 and french(cli_msg) and re.search(READONLY_WORDS, cli_msg, re.I) is not None
              and after_cli == before)
    # The server's connection was opened before the chmod: the kernel lets it write, so a write
    # that succeeds (and is then exactly in the store) is as right as a refusal that changes nothing.
    written = status == 200 and after_http != before and after_http.integrity == "ok" \
        and dict(after_http.sources).get("demonstration") == dict(before.sources)["demonstration"] - 1
    refused = prob is not None and after_http == before
    ok = reads == ("200", "200") and cli_ok and (written or refused) and server.alive()
    notes = [user_note]
    if not re.search(READONLY_WORDS, cli_msg, re.I):
        notes.append("le message de lieux import ne dit pas que la base est en lecture seule")
    if written:
        notes.append("l'écriture HTTP passe par la connexion ouverte avant le chmod (le mode d'un fichier ne touche pas ses descripteurs déjà ouverts)")
    record("2a", f"{name} pendant le service (chmod 444 du fichier, 555 du dossier)",
           "lectures servies ; lieux import refusé en français (lecture seule) ; écriture HTTP refusée en français, ou faite en entier",
           f"/health {reads[0]}, page bbox {reads[1]} ; lieux import : code {cli.returncode}, « {cli_msg} », base "
           + ("comme avant" if after_cli == before else "CHANGÉE")
           + f" ; PUT : {http_outcome}, base " + ("comme avant" if after_http == before else "modifiée")
           + f", intégrité {after_http.integrity}", ok, notes)
    expected = after_http
    server.stop()

    # 2b. Restarted over the read-only file (its folder writable: SQLite's -wal and -shm can exist).
    os.chmod(folder, 0o755)
    started = server.start()
    reads = (server.try_get("/health"), server.try_get(BBOX_PAGE)) if started else ("—", "—")
    try:
        answer = server.put_source("demonstration", DEMO, tok) if started else (0, {}, b"")
        http_outcome, prob = describe_answer(*answer), problem_of(*answer)
    except (OSError, http.client.HTTPException) as exc:
        http_outcome, prob = f"pas de réponse ({type(exc).__name__})", None
    detail = ((prob or {}).get("title", "") + " " + (prob or {}).get("detail", "")).strip()
    cli = lieux(["import", DEMO, "--source", "demonstration", "--db", db], unprivileged=True)
    cli_msg = error_text(cli)
    after = state(db)
    ok = (started and reads == ("200", "200") and prob is not None and french(detail)
          and re.search(READONLY_WORDS, detail, re.I) is not None
          and cli.returncode != 0 and re.search(READONLY_WORDS, cli_msg, re.I) is not None
          and after == expected and server.alive())
    notes = []
    if prob is not None and not re.search(READONLY_WORDS, detail, re.I):
        notes.append("la réponse HTTP ne dit pas que la base est en lecture seule")
    if server.last_error():
        notes.append(f"journal du serveur : {server.last_error()}")
    record("2b", f"{name} au démarrage (fichier 444, dossier inscriptible)",
           "lectures servies ; PUT refusé par un problem+json français qui dit la lecture seule ; lieux import de même ; base comme avant",
           (f"/health {reads[0]}, page bbox {reads[1]} ; PUT : {http_outcome} ; lieux import : code {cli.returncode}, « {cli_msg} » ; base "
            if started else "le serveur n'a pas démarré ; ")
           + ("comme avant" if after == expected else "CHANGÉE") + f", intégrité {after.integrity}", ok, notes)
    server.stop()

    # 2c. File and folder read-only from the start, the store closed cleanly (no -wal, no -shm):
    # how a store shipped read-only looks.
    con = sqlite3.connect(str(db))
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for extra in ("-wal", "-shm"):
        side = db.with_name(db.name + extra)
        if side.exists() and (extra == "-shm" or side.stat().st_size == 0):
            side.unlink()
    present = files_of(folder)
    os.chmod(folder, 0o555)
    started = server.start(timeout=20)
    reads = (server.try_get("/health"), server.try_get(BBOX_PAGE)) if started else None
    tail = ""
    if not started:
        log = server.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        tail = log[-1] if log else ""
    server.stop()
    os.chmod(folder, 0o755)
    after = state(db)
    ok = ((started and reads == ("200", "200")) or (not started and french(tail) and "Erreur" in tail)) \
        and after == expected
    record("2c", f"{name} au démarrage (fichier 444 et dossier 555)",
           "lectures servies, ou refus de démarrer avec un message clair en français",
           (f"servie : /health {reads[0]}, page bbox {reads[1]}" if started
            else f"refus de démarrer : « {tail} »") + f" ; base " + ("comme avant" if after == expected else "CHANGÉE")
           + f", intégrité {after.integrity}", ok,
           [f"le dossier contient : {', '.join(present)}"]
           + ([] if started else ["une base en lecture seule (dossier compris) ne peut pas être servie, même en lecture"]))


# ---------------------------------------------------------------- 3. deleted / replaced

def fault_deleted_replaced() -> None:
    small = demo_minus_one()

    # 3a. rm while serving.
    folder = WORK / "effacee"
    db = folder / "lieux.sqlite"
    seed_store(db)
    tok = token(db, "demonstration")
    server = Server(db, "effacee")
    if not server.start():
        record("3a", "Base effacée pendant le service", "le service répond", "le serveur n'a pas démarré", False)
        return
    db.unlink()
    reads = (server.try_get("/health"), burst(server, BBOX_PAGE))
    try:
        write = describe_answer(*server.put_source("demonstration", small, tok))
    except (OSError, http.client.HTTPException) as exc:
        write = f"pas de réponse ({type(exc).__name__})"
    reads_after = (server.try_get("/health"), burst(server, BBOX_PAGE))
    alive = server.alive()
    code = server.stop()
    left = files_of(folder)
    restarted = server.start()
    served = "—"
    if restarted:
        try:
            served = str(json.loads(server.get("/collections/lieux/items?limit=1")[2]).get("numberMatched"))
        except (OSError, ValueError, http.client.HTTPException):
            served = "?"
    server.stop()
    ok = alive and all(burst_ok(r, ("200", "503")) for r in reads + reads_after)
    notes = [f"après l'arrêt (code {code}), le dossier contient : {', '.join(left) or 'rien'}",
             "redémarrage : " + ((f"sert {served} lieux" + (" (une base vide a été créée à la place)" if served == "0" else ""))
                                 if restarted else "refus de démarrer")]
    if write.startswith("200"):
        notes.append("l'écriture acceptée après l'effacement est perdue au redémarrage (écrite dans un fichier effacé)")
    if server.last_error():
        notes.append(f"journal du serveur : {server.last_error()}")
    record("3a", "Base effacée (rm) pendant le service",
           "le service répond (par sa connexion ouverte, ou 503 clair), ne s'arrête pas",
           f"/health {reads[0]}, page bbox ×8 en parallèle : {reads[1]} ; PUT : {write} ; ensuite /health {reads_after[0]}, "
           f"page bbox ×8 : {reads_after[1]} ; "
           + ("toujours en marche" if alive else "ARRÊTÉ"), ok, notes)

    # 3b, 3c. Another store moved over it while serving, without then with a write afterwards.
    # The other store is a new version of the same one, made beside it before the server
    # started (a copy, then one more source): how a replacement is usually prepared.
    for number, with_write in (("3b", False), ("3c", True)):
        folder = WORK / f"remplacee-{number}"
        db = folder / "lieux.sqlite"
        seed_store(db)
        tok = token(db, "demonstration")
        other = WORK / f"autre-{number}.sqlite"
        shutil.copy(db, other)
        seed_store(other, "autre", small)
        other_state = state(other)
        other_count = sum(n for _, n in other_state.sources)
        server = Server(db, f"remplacee-{number}")
        fault = "Base remplacée (mv d'une autre base valide) pendant le service" \
            + (", puis une écriture HTTP" if with_write else ", sans écriture ensuite")
        if not server.start():
            record(number, fault, "le service répond", "le serveur n'a pas démarré", False)
            continue

        def matched() -> str:
            try:
                status, _, body = server.get("/collections/lieux/items?limit=1")
                return str(json.loads(body).get("numberMatched")) + " lieux servis" if status == 200 else f"réponse {status}"
            except (OSError, ValueError, http.client.HTTPException) as exc:
                return f"pas de réponse ({type(exc).__name__})"

        shutil.copy(other, folder / "nouvelle.sqlite")
        os.rename(folder / "nouvelle.sqlite", db)
        reads = (server.try_get("/health"), matched(), burst(server, BBOX_PAGE))
        write = ""
        if with_write:
            try:
                write = " ; PUT : " + describe_answer(*server.put_source("demonstration", small, tok))
            except (OSError, http.client.HTTPException) as exc:
                write = f" ; PUT : pas de réponse ({type(exc).__name__})"
        alive = server.alive()
        code = server.stop()
        left = files_of(folder)
        restarted = server.start()
        served = matched() if restarted else "—"
        server.stop()
        after = state(db)
        ok = alive and reads[0] in ("200", "503") and burst_ok(reads[2], ("200", "503")) and restarted \
            and served == f"{other_count} lieux servis" and after == other_state
        notes = [f"après l'arrêt (code {code}), le dossier contient : {', '.join(left)}",
                 f"la base mise à la place, avant : {other_state.describe()}"]
        if server.last_error():
            notes.append(f"journal du serveur : {server.last_error()}")
        if "lieux.sqlite-wal" in left and after != other_state:
            notes.append("le -wal et le -shm de l'ancienne base, restés à côté de la nouvelle, lui sont appliqués à la réouverture")
        if write.startswith(" ; PUT : 200"):
            notes.append("l'écriture après le remplacement est acceptée (200) et va dans l'ancienne base, effacée")
        record(number, fault,
               f"le service répond, ne s'arrête pas ; redémarré, il sert la nouvelle base telle quelle ({other_count} lieux, même export), intègre",
               f"/health {reads[0]}, {reads[1]} (ancienne base : 43), page bbox ×8 en parallèle : {reads[2]}{write} ; "
               + ("toujours en marche" if alive else "ARRÊTÉ")
               + " ; redémarrage : " + (served if restarted else "refus de démarrer")
               + f" ; la base ensuite : {after.describe()}"
               + (" (comme mise)" if after == other_state else " (PAS celle qui a été mise)"), ok, notes)


# ---------------------------------------------------------------- 4. SIGKILL during an upload

def fault_killed(big: Path, big_label: str, attempts: int, rng: random.Random) -> None:
    name = "Serveur tué (SIGKILL) pendant un PUT /sources/{source}/lieux"
    root = WORK / "coupure"
    pristine = root / "vierge.sqlite"
    seed_store(pristine)
    tok = token(pristine, "demonstration")
    folder, tmp = root / "base", root / "tmp"
    tmp.mkdir(parents=True)
    db = folder / "lieux.sqlite"
    rate = "1M"

    def reset() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        shutil.copy(pristine, db)

    old = state(pristine, "demonstration")
    # The new state, and how long a whole upload takes: one PUT without a kill.
    reset()
    server = Server(db, "coupure", tmpdir=tmp)
    if not server.start():
        record("4", name, "ancienne ou nouvelle source, jamais un mélange", "le serveur n'a pas démarré", False)
        return
    t0 = time.monotonic()
    curl = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "--limit-rate", rate,
                           "-H", f"Authorization: Bearer {tok}", "-H", "Content-Type: text/csv",
                           "--data-binary", f"@{big}",
                           f"http://127.0.0.1:{server.port}/sources/demonstration/lieux?autoriser-retraits=1"],
                          capture_output=True, text=True)
    whole = time.monotonic() - t0
    server.stop()
    new = state(db, "demonstration")
    if curl.stdout != "200" or new == old:
        record("4", name, "ancienne ou nouvelle source", f"le PUT complet a échoué ({curl.stdout} {curl.stderr.strip()})", False)
        return

    outcomes, problems, killed_at, sent = [], [], [], []
    tmp_sizes = []
    for i in range(attempts):
        reset()
        if not server.start():
            problems.append(f"essai {i + 1} : le serveur n'a pas démarré")
            continue
        delay = rng.uniform(0.2, whole * 1.1)
        client = subprocess.Popen(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{size_upload}", "-X", "PUT",
                                   "--limit-rate", rate, "-H", f"Authorization: Bearer {tok}",
                                   "-H", "Content-Type: text/csv", "--data-binary", f"@{big}",
                                   f"http://127.0.0.1:{server.port}/sources/demonstration/lieux?autoriser-retraits=1"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        server.kill9()
        out, _ = client.communicate(timeout=60)
        code, _, uploaded = out.partition(" ")
        killed_at.append(delay)
        sent.append(int(float(uploaded or 0)) * 100 // big.stat().st_size)
        running_files = files_of(folder)
        if not server.start():
            problems.append(f"essai {i + 1} : pas de redémarrage après le SIGKILL ({server.log})")
            continue
        health = server.try_get("/health")
        server.stop()
        after = state(db, "demonstration")
        verdict = "ancienne" if after == old else "nouvelle" if after == new else "MÉLANGE"
        outcomes.append(verdict)
        leftovers = [f for f in files_of(folder) if f != "lieux.sqlite"]
        tmp_sizes.append(tree_size(tmp))
        if verdict == "MÉLANGE" or after.integrity != "ok" or health != "200" or leftovers:
            problems.append(f"essai {i + 1} (tué à {delay:.1f} s, réponse {code or 'aucune'}) : {verdict}, "
                            f"intégrité {after.integrity}, /health {health}, restes {leftovers}, pendant : {running_files}")
    tmp_left = files_of(tmp)
    ok = not problems and len(outcomes) == attempts and not tmp_left
    counts = {v: outcomes.count(v) for v in ("ancienne", "nouvelle", "MÉLANGE") if outcomes.count(v)}
    notes = [f"fichier : {big_label} ({big.stat().st_size // 1024} Kio) à {rate}o/s ; un PUT complet dure {whole:.1f} s",
             "tué à " + ", ".join(f"{d:.1f} s ({p} % envoyé)" for d, p, in zip(killed_at, sent)),
             f"TMPDIR du serveur après les essais : {len(tmp_left)} entrée(s), {tree_size(tmp)} octets"
             + (f" ({', '.join(sorted({re.sub(r'[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}', 'UUID', n) for n in tmp_left}))}) ; "
                "taille après chaque essai : " + ", ".join(f"{b // 1024} Kio" for b in tmp_sizes) if tmp_left else "")]
    if tmp_left:
        problems.append("les fichiers temporaires des envois interrompus restent dans le TMPDIR du serveur, même après redémarrage")
    notes += problems
    record("4", name, "après redémarrage : la source ancienne ou la nouvelle exactement, intégrité ok, aucun fichier temporaire laissé",
           f"{attempts} essais : " + ", ".join(f"{n} {v}" for v, n in counts.items())
           + f" ; {len(problems)} problème(s)", ok, notes)


# ---------------------------------------------------------------- 5. idle connections

class Flood:
    """Many client connections on one epoll: silent ones, and slowloris ones that send a
    request head one byte at a time."""

    HEAD = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lent: "

    def __init__(self, port: int):
        self.port = port
        self.ep = select.epoll()
        self.socks: dict[int, socket.socket] = {}
        self.kind: dict[int, str] = {}
        self.last_sent: dict[int, float] = {}
        self.connected_at: dict[int, float] = {}
        self.closed_at: dict[int, float] = {}
        self.answered: set[int] = set()
        self.connecting: set[int] = set()
        self.failed = 0
        self.auto: tuple[str, ...] = ()  # kinds sent one byte every second by pump()
        self.next_trickle = 0.0

    def open(self, count: int, kind: str) -> None:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            err = s.connect_ex(("127.0.0.1", self.port))
            if err not in (0, errno.EINPROGRESS):
                s.close()
                self.failed += 1
                continue
            fd = s.fileno()
            self.socks[fd], self.kind[fd] = s, kind
            self.last_sent[fd] = time.monotonic()
            self.connecting.add(fd)
            self.ep.register(fd, select.EPOLLOUT | select.EPOLLIN | select.EPOLLRDHUP)

    def pump(self, wait: float) -> None:
        for fd, ev in self.ep.poll(wait, 4096):
            s = self.socks[fd]
            if fd in self.connecting:
                if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
                    self.failed += 1
                    self.closed_at[fd] = -1
                    self.ep.unregister(fd)
                    self.connecting.discard(fd)
                    continue
                self.connecting.discard(fd)
                self.last_sent[fd] = self.connected_at[fd] = time.monotonic()
                if self.kind[fd] != "silencieuse":
                    try:
                        s.send(self.HEAD)
                    except OSError:
                        pass
                self.ep.modify(fd, select.EPOLLIN | select.EPOLLRDHUP)
                if not ev & (select.EPOLLIN | select.EPOLLRDHUP | select.EPOLLHUP):
                    continue
            try:
                while True:
                    data = s.recv(65536)
                    if not data:
                        raise ConnectionResetError
                    self.answered.add(fd)
            except BlockingIOError:
                continue
            except OSError:
                self.closed_at[fd] = time.monotonic()
                self.ep.unregister(fd)
        # After the events: a connection the server has just closed is not sent one more byte.
        if self.auto and time.monotonic() >= self.next_trickle:
            self.trickle(self.auto)
            self.next_trickle = time.monotonic() + 1

    def trickle(self, kinds: tuple[str, ...]) -> None:
        now = time.monotonic()
        for fd, s in self.socks.items():
            if self.kind[fd] in kinds and fd not in self.closed_at and fd not in self.connecting:
                try:
                    s.send(b"a")
                    self.last_sent[fd] = now
                except OSError:
                    pass

    def open_count(self, kinds: tuple[str, ...] | None = None) -> int:
        return sum(1 for fd in self.socks if fd not in self.closed_at and fd not in self.connecting
                   and (kinds is None or self.kind[fd] in kinds))

    def close_all(self) -> None:
        for fd, s in self.socks.items():
            s.close()
        self.ep.close()


def fill(flood: Flood, server: "Server", mix: list[tuple[str, int]], batch: int = 200) -> tuple[float, int]:
    """Opens the connections of `mix` ((kind, count), …) in batches, each batch waiting until the
    server has accepted it: a burst beyond the listen backlog (256) would leave connections that
    the client believes open and the server never saw. Returns the time taken and the number
    of connections the server never accepted."""
    base = server.fd_count() or 0
    total = sum(n for _, n in mix)
    t0 = time.monotonic()
    opened = 0
    left = dict(mix)
    while opened < total:
        n = min(batch, total - opened)
        for kind, count in mix:
            k = min(left[kind], max(1, round(n * count / total)) if count else 0)
            flood.open(k, kind)
            left[kind] -= k
            opened += k
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            flood.pump(0.1)
            seen = (server.fd_count() or 0) - base + sum(1 for at in flood.closed_at.values() if at > 0)
            if not flood.connecting and seen >= opened - 2:
                break
    missing = max(0, opened - ((server.fd_count() or 0) - base + sum(1 for at in flood.closed_at.values() if at > 0)))
    return time.monotonic() - t0, missing


def probe(port: int, path: str) -> float | None:
    """Milliseconds for one request on a new connection, None when it fails or takes over 10 s."""
    t0 = time.monotonic()
    try:
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        con.request("GET", path)
        resp = con.getresponse()
        resp.read()
        con.close()
        return (time.monotonic() - t0) * 1000 if resp.status == 200 else None
    except (OSError, http.client.HTTPException):
        return None


def latency_summary(values: list[float | None]) -> str:
    got = sorted(v for v in values if v is not None)
    failed = len(values) - len(got)
    if not got:
        return f"aucune réponse sur {len(values)}"
    p95 = got[min(len(got) - 1, int(len(got) * 0.95))]
    return (f"médiane {statistics.median(got):.0f} ms, p95 {p95:.0f} ms, max {got[-1]:.0f} ms"
            + (f", {failed} sans réponse" if failed else "") + f" ({len(values)} requêtes)")


def fault_idle(connections: int) -> None:
    name = f"{connections} connexions inactives ou lentes (slowloris)"
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = connections + 512
    if hard != resource.RLIM_INFINITY and hard < wanted:
        connections = max(100, hard - 512)
        name = f"{connections} connexions inactives ou lentes (slowloris, limite de descripteurs {hard})"
    new_soft = wanted if hard == resource.RLIM_INFINITY else min(hard, max(soft, wanted))
    resource.setrlimit(resource.RLIMIT_NOFILE, (new_soft, hard))  # the server inherits it
    slow = connections // 10
    db = WORK / "inactives" / "lieux.sqlite"
    seed_store(db)

    help_text = lieux(["serve", "--help"]).stdout.decode()
    has_option = "--delai-inactivite" in help_text

    # 5a. The flood held under the default delay (30 s): latency of normal requests meanwhile.
    server = Server(db, "inactives")
    if not server.start():
        record("5a", name, "requêtes normales servies", "le serveur n'a pas démarré", False)
        return
    baseline = {p: [probe(server.port, p) for _ in range(10)] for p in ("/health", BBOX_PAGE)}
    fds_before = server.fd_count()
    flood = Flood(server.port)
    flood.auto = ("lente",)
    opened_in, missing = fill(flood, server, [("silencieuse", connections - slow), ("lente", slow)])
    under = {"/health": [], BBOX_PAGE: []}
    end = time.monotonic() + 12
    while time.monotonic() < end:
        for p in under:
            under[p].append(probe(server.port, p))
        flood.pump(0.5)
    held = flood.open_count()
    fds_flood, rss = server.fd_count(), server.rss_mb()
    held_server = (fds_flood or 0) - (fds_before or 0)
    alive = server.alive()
    flood.close_all()
    time.sleep(1)
    after = {p: [probe(server.port, p) for _ in range(5)] for p in ("/health", BBOX_PAGE)}
    server.stop()
    ok_under = all(v is not None and v < 1000 for vs in under.values() for v in vs)
    ok = alive and held >= connections * 0.99 and held_server >= connections * 0.99 and ok_under \
        and all(v is not None for vs in after.values() for v in vs)
    record("5a", f"{name}, délai par défaut",
           "les connexions tenues, /health et une page bbox servies en moins d'une seconde pendant le flot",
           f"{held}/{connections} ouvertes en {opened_in:.1f} s ({flood.failed} échecs, {missing} jamais acceptées), "
           f"{held_server} tenues par le serveur pendant 12 s ; "
           f"/health {latency_summary(under['/health'])} ; page bbox {latency_summary(under[BBOX_PAGE])}",
           ok, [f"avant le flot : /health {latency_summary(baseline['/health'])} ; page bbox {latency_summary(baseline[BBOX_PAGE])}",
                f"descripteurs du serveur : {fds_before} avant, {fds_flood} pendant ; mémoire {rss:.0f} Mo pendant" if rss else
                f"descripteurs du serveur : {fds_before} avant, {fds_flood} pendant"])

    # 5b. The idle delay at 5 s: the silent ones, and the slowloris ones that stop sending in the
    # middle of their head, are closed about 5 s after their last byte.
    if not has_option:
        record("5b", "Fermeture des connexions inactives (--delai-inactivite 5)",
               "fermées après 5 s", "non testé : lieux serve n'a pas l'option --delai-inactivite", False)
        return
    timeout = 5
    server = Server(db, "inactives-5", extra=["--delai-inactivite", str(timeout)])
    if not server.start():
        record("5b", "Fermeture des connexions inactives", "fermées après le délai", "le serveur n'a pas démarré", False)
        return
    flood = Flood(server.port)
    stuck, trickling = slow - slow // 5, slow // 5
    t0 = time.monotonic()
    flood.auto = ("bloquée", "goutte-à-goutte")
    opened_in, missing = fill(flood, server, [("silencieuse", connections - slow), ("bloquée", stuck),
                                              ("goutte-à-goutte", trickling)])
    lat = []
    stop_stuck = time.monotonic() + 3  # the stuck ones trickle 3 s more, then stop in mid-head
    end = stop_stuck + timeout + 10
    next_probe = 0.0
    while time.monotonic() < end:
        now = time.monotonic()
        if now >= stop_stuck:
            flood.auto = ("goutte-à-goutte",)
        if now >= next_probe:
            lat.append(probe(server.port, "/health"))
            next_probe = now + 1
        flood.pump(0.1)
        if flood.open_count(("silencieuse", "bloquée")) == 0 and now > stop_stuck + timeout + 2:
            break
    delays: dict[str, list[float]] = {"silencieuse": [], "bloquée": [], "goutte-à-goutte": []}
    lifetimes: dict[str, list[float]] = {"silencieuse": [], "bloquée": [], "goutte-à-goutte": []}
    for fd, at in flood.closed_at.items():
        if at > 0:
            delays[flood.kind[fd]].append(at - flood.last_sent[fd])
            lifetimes[flood.kind[fd]].append(at - flood.connected_at[fd])
    still = {k: flood.open_count((k,)) for k in delays}
    answered = len(flood.answered)
    fds_end = server.fd_count()
    flood.close_all()
    alive = server.alive()
    server.stop()

    def spread(values: list[float], after: str = "après leur dernier octet") -> str:
        if not values:
            return "aucune fermée"
        v = sorted(values)
        return f"{len(v)} fermées, {v[0]:.1f}–{v[-1]:.1f} s {after} (médiane {statistics.median(v):.1f} s)"

    silent_ok = still["silencieuse"] == 0 and bool(delays["silencieuse"]) \
        and timeout - 1 <= min(delays["silencieuse"]) and max(delays["silencieuse"]) <= timeout + 3
    # One stuck in its head may be closed sooner (a deadline on the whole head), never later.
    stuck_ok = still["bloquée"] == 0 and bool(delays["bloquée"]) and max(delays["bloquée"]) <= timeout + 3
    ok = alive and silent_ok and stuck_ok
    notes = [f"{connections} ouvertes en {opened_in:.1f} s ({flood.failed} échecs, {missing} jamais acceptées) ; "
             f"/health pendant : {latency_summary(lat)}",
             f"bloquées : {spread(lifetimes['bloquée'], 'après leur ouverture')}",
             f"goutte-à-goutte (un octet par seconde sans fin, {trickling}) : {spread(lifetimes['goutte-à-goutte'], 'après leur ouverture')}, "
             f"{still['goutte-à-goutte']} encore ouvertes au bout de {time.monotonic() - t0:.0f} s",
             f"réponses reçues avant fermeture (408…) : {answered} ; descripteurs du serveur à la fin : {fds_end}"]
    if still["goutte-à-goutte"]:
        notes.append("une connexion qui envoie un octet par seconde sans jamais finir ses en-têtes n'est pas fermée : "
                     "le délai porte sur l'inactivité, pas sur la durée des en-têtes")
    record("5b", f"Fermeture des connexions inactives (--delai-inactivite {timeout})",
           f"silencieuses fermées {timeout} s (−1 s, +3 s) après leur dernier octet ; bloquées au milieu des en-têtes fermées au plus tard {timeout} s (+3 s) après",
           f"silencieuses : {spread(delays['silencieuse'])}, {still['silencieuse']} encore ouvertes ; "
           f"bloquées au milieu des en-têtes : {spread(delays['bloquée'])}, {still['bloquée']} encore ouvertes", ok, notes)


# ---------------------------------------------------------------- main

def cleanup() -> None:
    for server in SERVERS:
        if server.alive():
            server.kill9()
    for folder in list(MOUNTS):
        unmount(folder)
    if WORK and WORK.exists() and WORK != Path():
        for p in [WORK, *WORK.rglob("*")]:
            try:
                if p.is_dir():
                    os.chmod(p, 0o755)
            except OSError:
                pass
        shutil.rmtree(WORK, ignore_errors=True)


def write_report(path: Path, seconds: float, big_label: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    cell = lambda s: s.replace("|", "\\|").replace("\n", " ")
    lines = ["# Pannes provoquées", "",
             f"- binaire : `{BIN}`",
             f"- gros fichier : {big_label}",
             f"- durée : {seconds:.0f} s ; "
             + f"{sum(r.ok is True for r in RESULTS)} réussis, {sum(r.ok is False for r in RESULTS)} en échec, "
             + f"{sum(r.ok is None for r in RESULTS)} non testés",
             "- « base comme avant » : même export CSV (sha256), mêmes nombres de lieux par source, "
             "`PRAGMA integrity_check` = ok", "",
             "| n° | panne | attendu | résultat | verdict |", "|---|---|---|---|---|"]
    for r in RESULTS:
        verdict = {True: "ok", False: "**échec**", None: "non testé"}[r.ok]
        outcome = r.outcome + ("<br>" + "<br>".join(cell(n) for n in r.notes) if r.notes else "")
        lines.append(f"| {r.number} | {cell(r.fault)} | {cell(r.expected)} | {cell(outcome)} | {verdict} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    global BIN, WORK
    parser = argparse.ArgumentParser(description="Pannes provoquées sur lieux import et lieux serve.")
    parser.add_argument("--bin", required=True)
    parser.add_argument("--rapport", default=".build/faults.md")
    parser.add_argument("--cas", default="1,2,3,4,5")
    parser.add_argument("--essais", type=int, default=10)
    parser.add_argument("--connexions", type=int, default=10000)
    parser.add_argument("--graine", type=int, default=20261203)
    args = parser.parse_args()
    BIN = str(Path(args.bin).resolve())
    cases = {c.strip() for c in args.cas.split(",")}
    started = time.monotonic()

    WORK = Path(tempfile.mkdtemp(prefix="lieux-pannes.", dir=os.environ.get("TMPDIR", "/tmp")))
    os.chmod(WORK, 0o755)  # the unprivileged user of fault 2 goes through it
    atexit.register(cleanup)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: sys.exit(130))

    big, big_label = (None, "—")
    if cases & {"1", "4"}:
        big, big_label = big_csv(10000, 7)
        os.chmod(big, 0o644)
    say(f"tools/faults : {BIN}")
    if "1" in cases:
        fault_disk_full(big, big_label)
    if "2" in cases:
        fault_read_only()
    if "3" in cases:
        fault_deleted_replaced()
    if "4" in cases:
        fault_killed(big, big_label, args.essais, random.Random(args.graine))
    if "5" in cases:
        fault_idle(args.connexions)

    seconds = time.monotonic() - started
    report = Path(args.rapport)
    if not report.is_absolute():
        report = REPO / report
    write_report(report, seconds, big_label)
    failed = [r for r in RESULTS if r.ok is False]
    say(f"pannes provoquées : {len(RESULTS)} cas en {seconds:.0f} s, {len(failed)} en échec (rapport : {args.rapport})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
