"""Shared plumbing for the benchmarks: a fresh PostgreSQL database, migrations, gunicorn on
127.0.0.1, fixtures made through Django, latency percentiles, and the load generator's HTTP loop.

Everything runs on loopback and stops at the end (a context manager kills gunicorn's process
group); loops are bounded by the number of events or requests to send. Django is imported lazily
(``django_setup``) so that load-generator processes, started with the "spawn" method, never load
it nor inherit a database connection.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import platform
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = REPO / ".venv" / "bin"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DEFAULT_DB = "autobill_bench"
OUT_DIR = Path(os.environ.get("BENCH_OUT", "/tmp/bench-out"))


def conn_max_age_label(conn_max_age: int | None) -> str:
    """None: DATABASE_URL carries no value, and the settings' default applies (60 s on PostgreSQL
    since commit 00f596d; 0, a connection per request, before it)."""
    return "settings default (60)" if conn_max_age is None else str(conn_max_age)


def is_persistent(conn_max_age: int | None) -> bool:
    return conn_max_age != 0


def database_url(name: str = DEFAULT_DB, *, conn_max_age: int | None = None) -> str:
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    url = f"{base}/{name}"
    # django-environ passes CONN_MAX_AGE through from the URL: persistent connections per thread.
    return url if conn_max_age is None else f"{url}?conn_max_age={conn_max_age}"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- database -----------------------------------------------------------------------------------


def db_recreate(name: str = DEFAULT_DB) -> None:
    """Drop and create the benchmark database (its name is checked: never a real one)."""
    import psycopg

    if not name.startswith("autobill_bench"):
        raise ValueError(f"refusing to drop {name!r}: benchmark databases are named autobill_bench*")
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def migrate(name: str = DEFAULT_DB) -> None:
    env = {**os.environ, "DATABASE_URL": database_url(name), "DJANGO_SETTINGS_MODULE": "billing_site.settings"}
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "migrate", "--noinput", "-v", "0"], cwd=REPO, env=env, check=True
    )


def fresh_database(name: str = DEFAULT_DB) -> str:
    t0 = time.monotonic()
    db_recreate(name)
    migrate(name)
    log(f"database {name} recreated and migrated in {time.monotonic() - t0:.1f} s")
    return database_url(name)


def django_setup(name: str = DEFAULT_DB) -> None:
    """Django in this process, on the benchmark database (call once, before any model import)."""
    os.environ["DATABASE_URL"] = database_url(name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "billing_site.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def sql_scalar(name: str, sql: str) -> Any:
    """One value from a fresh connection (not Django's: checks run after the server stopped)."""
    import psycopg

    with psycopg.connect(database_url(name)) as conn:
        row = conn.execute(sql).fetchone()
    return None if row is None else row[0]


@dataclass(frozen=True)
class IngestFixtures:
    api_key: str
    customers: list[str]  # external ids
    metric: str


def ingest_fixtures_create(*, customers: int) -> IngestFixtures:
    """Customers, the api_calls meter and an API key, through Django (after ``django_setup``)."""
    from access.services import api_key_create
    from contracts.models import Customer
    from metering.models import Meter
    from metering.services import meter_create

    if not Meter.objects.filter(code="api_calls").exists():
        meter_create(code="api_calls", name="API calls", aggregation="sum", unit_label="API calls")
    Customer.objects.bulk_create(
        [
            Customer(external_id=f"bench-{i:05d}", name=f"Bench customer {i}", email=f"billing@bench-{i}.test")
            for i in range(customers)
        ],
        ignore_conflicts=True,
    )
    key = api_key_create(name="bench").raw_key
    return IngestFixtures(api_key=key, customers=[f"bench-{i:05d}" for i in range(customers)], metric="api_calls")


# --- gunicorn -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    port: int
    workers: int
    threads: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def label(self) -> str:
        return f"gunicorn {self.workers} workers x {self.threads} threads"


def _wait_http(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/v1/customers")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on 127.0.0.1:{port} within {timeout:.0f} s")


@contextmanager
def gunicorn(
    *, name: str = DEFAULT_DB, workers: int, threads: int, conn_max_age: int | None = None, extra: Sequence[str] = ()
) -> Iterator[Server]:
    """gunicorn (gthread) serving billing_site on 127.0.0.1:<free port>, with DEBUG off; stopped on exit."""
    port = free_port()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    log_path = OUT_DIR / f"gunicorn-{port}.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(name, conn_max_age=conn_max_age),
        "DJANGO_SETTINGS_MODULE": "billing_site.settings",
        "DJANGO_DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    cmd = [
        str(VENV_BIN / "gunicorn"), "billing_site.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers),
        "--worker-class", "gthread", "--threads", str(threads), "--timeout", "120", "--keep-alive", "30",
        "--backlog", "2048", *extra,
    ]  # fmt: skip
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            cmd, cwd=REPO, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(port=port, workers=workers, threads=threads, process=process, log_path=log_path)
    try:
        _wait_http(port, timeout=60)
        yield server
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    # gunicorn runs in its own session (start_new_session): signal its group, i.e. the master and
    # the workers it forked, and nothing else.
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


# --- load generation ----------------------------------------------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection; reconnects (and says so) if the server closed it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reconnects = 0
        self._conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        for attempt in range(2):
            try:
                self._conn.request("POST", path, body=body, headers=headers)
                response = self._conn.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                if attempt:
                    raise
                # Resending is safe: events are idempotent (the count checks would show it otherwise).
                self.reconnects += 1
                self._conn.close()
                self._conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        raise AssertionError("unreachable")

    def close(self) -> None:
        self._conn.close()


def percentile(sorted_values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass
class LatencySummary:
    count: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> LatencySummary:
        values = sorted(seconds)
        return cls(
            count=len(values),
            p50_ms=percentile(values, 0.50) * 1000,
            p95_ms=percentile(values, 0.95) * 1000,
            p99_ms=percentile(values, 0.99) * 1000,
            max_ms=(values[-1] if values else math.nan) * 1000,
            mean_ms=(sum(values) / len(values) if values else math.nan) * 1000,
        )

    def line(self) -> str:
        return (
            f"p50 {self.p50_ms:.1f} ms, p95 {self.p95_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, "
            f"max {self.max_ms:.1f} ms (n={self.count})"
        )


@dataclass
class WorkerReport:
    """What one load-generator process saw."""

    started: float = 0.0  # time.monotonic(): CLOCK_MONOTONIC, comparable across processes on Linux
    finished: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    reconnects: int = 0
    errors: list[str] = field(default_factory=list)


def send_all(
    *,
    port: int,
    api_key: str,
    path: str,
    bodies: Sequence[bytes],
    count: Callable[[WorkerReport, int, bytes], bool],
    barrier: Any,
) -> tuple[WorkerReport, float]:
    """Send ``bodies`` one at a time on one keep-alive connection once ``barrier`` releases all the
    load generators; ``count`` books a response in the report (False: not a success). Returns the
    report and this process's CPU seconds."""
    report = WorkerReport()
    headers = {"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"}
    connection = Connection(port)
    barrier.wait()
    cpu_start = time.process_time()
    report.started = time.monotonic()
    for body in bodies:
        t0 = time.perf_counter()
        try:
            status, payload = connection.post(path, body, headers)
        except OSError as exc:
            report.errors.append(repr(exc))
            continue
        report.latencies.append(time.perf_counter() - t0)
        report.statuses[status] = report.statuses.get(status, 0) + 1
        if not count(report, status, payload) and len(report.errors) < 5:
            report.errors.append(f"{status}: {payload[:300]!r}")
    report.finished = time.monotonic()
    report.reconnects = connection.reconnects
    connection.close()
    return report, time.process_time() - cpu_start


def machine_description() -> str:
    import psycopg

    memory_kb = 0
    with open("/proc/meminfo") as meminfo:
        for row in meminfo:
            if row.startswith("MemTotal:"):
                memory_kb = int(row.split()[1])
    with psycopg.connect(PG_ADMIN_URL) as conn:
        pg = conn.execute("SHOW server_version").fetchone()
    cpu = ""
    with open("/proc/cpuinfo") as cpuinfo:
        for row in cpuinfo:
            if row.startswith("model name"):
                cpu = row.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory_kb / 1024 / 1024:.1f} GiB RAM, PostgreSQL "
        f"{pg[0] if pg else '?'}, Python {platform.python_version()}, {platform.platform()}"
    )


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, default=str))


# --- where the CPU goes -------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _proc_stat(pid: int) -> tuple[int, list[str]] | None:
    """(ppid, fields after the command name) of /proc/<pid>/stat, or None if it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    rest = raw[raw.rfind(")") + 2 :].split()
    return int(rest[1]), rest


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@dataclass(frozen=True)
class CpuSnapshot:
    """CPU seconds so far: the whole machine (busy, from /proc/stat), a process tree (gunicorn),
    the live PostgreSQL backends of one database, and the postmaster's reaped children."""

    machine_busy: float
    machine_total: float
    tree: float
    pg_backends: float
    pg_reaped: float

    @classmethod
    def take(cls, *, root_pid: int | None, database: str) -> CpuSnapshot:
        with open("/proc/stat") as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
        idle = fields[3] + fields[4]
        total = sum(fields[:8])
        parents: dict[int, int] = {}
        times: dict[int, float] = {}
        reaped: dict[int, float] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            stat_row = _proc_stat(pid)
            if stat_row is None:
                continue
            ppid, rest = stat_row
            parents[pid] = ppid
            # rest[11..14]: utime, stime, cutime, cstime (fields 14-17 of proc(5))
            times[pid] = (int(rest[11]) + int(rest[12])) / CLOCK_TICKS
            reaped[pid] = (int(rest[13]) + int(rest[14])) / CLOCK_TICKS
        tree = 0.0
        if root_pid is not None:
            members = {root_pid}
            changed = True
            while changed:
                changed = False
                for pid, ppid in parents.items():
                    if ppid in members and pid not in members:
                        members.add(pid)
                        changed = True
            tree = sum(times.get(pid, 0.0) for pid in members)
        pg_backends = 0.0
        pg_reaped = 0.0
        for pid in times:
            cmd = _cmdline(pid)
            if cmd.startswith("postgres: ") and f" {database} " in cmd:
                pg_backends += times[pid]
            elif "/bin/postgres" in cmd and parents.get(pid) == 1:
                pg_reaped += reaped[pid]
        return cls(
            machine_busy=(total - idle) / CLOCK_TICKS,
            machine_total=total / CLOCK_TICKS,
            tree=tree,
            pg_backends=pg_backends,
            pg_reaped=pg_reaped,
        )

    def since(self, earlier: CpuSnapshot) -> dict[str, float]:
        return {
            "machine_busy_s": self.machine_busy - earlier.machine_busy,
            "machine_total_s": self.machine_total - earlier.machine_total,
            "gunicorn_s": self.tree - earlier.tree,
            "pg_backends_live_s": self.pg_backends - earlier.pg_backends,
            "pg_backends_exited_s": self.pg_reaped - earlier.pg_reaped,
        }


def cpu_line(cpu: dict[str, float], clients_s: float, *, persistent: bool) -> str:
    """The CPU split of a run. PostgreSQL's share is only attributable with persistent connections:
    short-lived backends exit before the second snapshot, and the postmaster's reaped-children
    total also holds every other tenant's backends (another team's test run on the same server)."""
    busy = cpu["machine_busy_s"]
    pg = cpu["pg_backends_live_s"] if persistent else None
    other = busy - cpu["gunicorn_s"] - clients_s - (pg or 0.0)
    pg_text = f"{pg:.1f}" if pg is not None else "n/a (CONN_MAX_AGE=0: backends too short-lived to attribute)"
    return (
        f"CPU: machine {100 * busy / max(cpu['machine_total_s'], 1e-9):.0f}% busy; of {busy:.1f} CPU-s: "
        f"gunicorn {cpu['gunicorn_s']:.1f}, load generators {clients_s:.1f}, PostgreSQL backends {pg_text}, "
        f"other{' (PostgreSQL included)' if pg is None else ''} {other:.1f}"
    )


def wait_for_quiet(*, max_wait: float = 120.0, busy_below: float = 0.35, seconds: int = 3) -> float:
    """Wait (at most ``max_wait``) until the machine has been under ``busy_below`` CPU for
    ``seconds`` consecutive seconds: the machine is shared, and another tenant's test run would
    otherwise be measured too. Returns the last one-second busy share seen."""
    deadline = time.monotonic() + max_wait
    quiet = 0
    share = 1.0

    def sample() -> tuple[int, int]:
        with open("/proc/stat") as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
        return sum(fields[:8]) - fields[3] - fields[4], sum(fields[:8])

    while time.monotonic() < deadline:
        busy0, total0 = sample()
        time.sleep(1)
        busy1, total1 = sample()
        share = (busy1 - busy0) / max(total1 - total0, 1)
        quiet = quiet + 1 if share < busy_below else 0
        if quiet >= seconds:
            return share
    log(f"machine still {100 * share:.0f}% busy after {max_wait:.0f} s of waiting: measuring anyway")
    return share


# --- py-spy (installed outside the project: python -m venv /tmp/prof && /tmp/prof/bin/pip install py-spy) ---

PY_SPY = os.environ.get("PY_SPY", "/tmp/prof/bin/py-spy")


@contextmanager
def pyspy(*, pid: int, out_path: Path | None, rate: int = 100) -> Iterator[None]:
    """Sample ``pid`` and its subprocesses (gunicorn's workers) while the block runs, into a raw
    (collapsed stacks) file; does nothing when ``out_path`` is None."""
    if out_path is None:
        yield
        return
    out_path.parent.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [PY_SPY, "record", "--pid", str(pid), "--subprocesses", "--format", "raw", "--rate", str(rate),
         "--nonblocking", "-o", str(out_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    time.sleep(1.0)  # let it attach before the clock starts
    try:
        yield
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _frame_name(frame: str) -> str:
    # "usage_events_record (metering/services.py:212)" -> "usage_events_record (metering/services.py)"
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("site-packages/", "/work/main/", "python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{name} ({path})"


def pyspy_summary(path: Path, *, top: int = 25) -> str:
    """The functions holding the most samples (inclusive: anywhere on the stack; self: at the top)."""
    inclusive: dict[str, int] = {}
    self_time: dict[str, int] = {}
    total = 0
    for row in path.read_text().splitlines():
        stack, _, count_text = row.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [_frame_name(f) for f in stack.split(";") if not f.startswith("process ")]
        if not frames:
            continue
        total += count
        for name in set(frames):
            inclusive[name] = inclusive.get(name, 0) + count
        self_time[frames[-1]] = self_time.get(frames[-1], 0) + count
    lines = [f"py-spy: {total:,} samples of busy worker threads"]
    lines.append("  inclusive (on the stack):")
    for name, n in sorted(inclusive.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"    {100 * n / max(total, 1):5.1f}%  {name}")
    lines.append("  self (running):")
    for name, n in sorted(self_time.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"    {100 * n / max(total, 1):5.1f}%  {name}")
    return "\n".join(lines)


def collect_results(results: Any, processes: Sequence[Any], *, deadline_s: float = 1800.0) -> list[dict[str, Any]]:
    """One result per load-generator process; fails fast if one died without reporting."""
    import queue

    collected: list[dict[str, Any]] = []
    deadline = time.monotonic() + deadline_s
    while len(collected) < len(processes):
        if time.monotonic() > deadline:
            raise RuntimeError(f"load generators did not finish within {deadline_s:.0f} s")
        try:
            collected.append(results.get(timeout=2))
        except queue.Empty:
            dead = [p for p in processes if p.exitcode not in (None, 0)]
            if dead:
                raise RuntimeError(f"{len(dead)} load generator(s) died (exit codes {[p.exitcode for p in dead]})")
    return collected
