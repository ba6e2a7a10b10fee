"""Batches: which files to audit, and auditing them in parallel with results in input order.

``collect`` turns the paths a user typed into the ordered list of files to audit (folders
walked, ``--glob`` and ``exclude`` applied). ``audit_stream`` yields one DocumentReport per file
in that order while documents run in worker processes (``executor="local"``) or on a Dask
cluster (``executor="dask"``). At most ``window`` documents are in flight or waiting to be
handed back, so a batch of any size streams in flat memory. ``prepared_stream`` does the same
but has the workers turn each report into what the CLI writes (``Prepared``: the record, and
the text itself for formats that encode one record alone), so the parent only writes in order.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import gc
import io
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tosaudit.api import audit_bytes, audit_file
from tosaudit.config import Config
from tosaudit.formatters.common import Writer
from tosaudit.ingest import IngestError
from tosaudit.models import SEVERITY_RANK, DocumentReport

# Suffixes picked up when walking a folder (files named on the command line are always audited).
POLICY_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".docx")
# A policy folder's own documentation is not a policy: skipped when walking (not when named).
NOT_POLICIES = ("readme", "changelog", "license", "licence", "contributing", "code_of_conduct")


class BatchError(RuntimeError):
    """The batch cannot run at all (bad executor settings, cluster unreachable)."""


@dataclass(frozen=True)
class Keep:
    """Which bulky parts of a report must come back from a worker (the rest is dropped there)."""

    text: bool = False
    sentences: bool = False


@dataclass(frozen=True)
class Output:
    """What a worker turns each report into: the parts to keep and, when the format can encode
    one record on its own (``Writer.encodes``), that writer's class and options."""

    keep: Keep = Keep()
    writer: type[Writer] | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Prepared:
    """One audited document as the parent of a batch writes it, built where it was audited.

    ``record`` is the report's record; when ``text`` (the writer's encoding of that record) is
    set, ``record`` keeps only what ``Summary.add`` reads. Turning a report into its record and
    JSON in the parent cost it about a quarter of a worker's audit time per document, which
    capped the parallel speed-up; now only strings and small dicts cross the process boundary.
    """

    source: str
    error: str | None
    worst: int  # highest SEVERITY_RANK among the findings, -1 when there are none
    findings: int
    seconds: float  # the audit's own time (sum of its stage timings)
    record: dict[str, Any]
    text: str | None = None


def _summary_part(rec: dict[str, Any]) -> dict[str, Any]:
    """The fields of a record that ``Summary.add`` reads."""
    return {
        "error": rec.get("error"),
        "grade": {"letter": (rec.get("grade") or {}).get("letter")},
        "readability": {"words": (rec.get("readability") or {}).get("words", 0)},
        "findings": [
            {"category": f.get("category"), "severity": f["severity"], "rule": f["rule"]}
            for f in rec.get("findings", ())
        ],
    }


def prepare(report: DocumentReport, output: Output = Output()) -> Prepared:
    """A report as ``Prepared``: its record (and its encoded text when the writer encodes)."""
    try:
        return _prepare(report, output)
    except Exception as exc:  # one report that cannot be written must not stop the batch
        return _prepare(_internal_error(report.source, exc), Output(keep=output.keep))


def _prepare(report: DocumentReport, output: Output) -> Prepared:
    keep = output.keep
    rec = report.to_record(include_text=keep.text, include_sentences=keep.sentences)
    text = None
    if output.writer is not None and output.writer.encodes:
        text = output.writer(io.StringIO(), **output.options).encode(rec)
        rec = _summary_part(rec)
    return Prepared(
        source=report.source,
        error=report.error,
        worst=max((SEVERITY_RANK[f.severity] for f in report.findings), default=-1),
        findings=len(report.findings),
        seconds=sum(report.timings.values()),
        record=rec,
        text=text,
    )


# ---------------------------------------------------------------------------------------------
# Which files


def _excluded(path: Path, root: Path | None, patterns: Sequence[str]) -> bool:
    """Whether a path matches an exclude pattern (by name, by path relative to its root, or
    by any of its folder names), gitignore-style enough for policy folders."""
    if not patterns:
        return False
    rel = path.relative_to(root).as_posix() if root is not None else path.as_posix()
    parts = rel.split("/")
    for pat in patterns:
        pat = pat.rstrip("/")
        if fnmatch.fnmatchcase(rel, pat) or fnmatch.fnmatchcase(path.name, pat):
            return True
        if fnmatch.fnmatchcase(path.as_posix(), pat) or fnmatch.fnmatchcase(
            path.as_posix(), f"*/{pat}"
        ):
            return True
        if any(fnmatch.fnmatchcase(p, pat) for p in parts[:-1]):
            return True
    return False


def _walk_dir(root: Path, recursive: bool) -> Iterator[Path]:
    """Files under a folder in a stable (sorted) order, hidden files and folders skipped."""
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    subdirs = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            subdirs.append(entry)
        elif entry.is_file():
            yield entry
    if recursive:
        for sub in subdirs:
            yield from _walk_dir(sub, recursive)


def collect(
    paths: Iterable[str | Path],
    recursive: bool = True,
    glob: str | None = None,
    exclude: Sequence[str] = (),
) -> list[Path]:
    """The files to audit, in order, each once.

    A file named explicitly is always audited (a missing one becomes an error report later).
    A folder contributes the files whose suffix is a policy format, or those matching ``glob``
    (matched against the name and the path relative to that folder), minus ``exclude``.
    """
    out: list[Path] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.normpath(str(p))
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in _walk_dir(p, recursive):
                rel = f.relative_to(p).as_posix()
                if glob:
                    if not (fnmatch.fnmatch(f.name, glob) or fnmatch.fnmatch(rel, glob)):
                        continue
                elif (
                    f.suffix.lower() not in POLICY_SUFFIXES
                    or f.stem.lower().split(".")[0] in NOT_POLICIES
                ):
                    continue
                if not _excluded(f, p, exclude):
                    add(f)
        elif not _excluded(p, None, exclude):
            add(p)
    return out


# ---------------------------------------------------------------------------------------------
# One document, safely


def _slim(report: DocumentReport, keep: Keep) -> DocumentReport:
    """Drop what the caller will not use before the report crosses a process boundary."""
    changes: dict[str, Any] = {}
    if not keep.text and report.text is not None:
        changes["text"] = None
    if not keep.sentences and report.sentences:
        changes["sentences"] = []
    return dataclasses.replace(report, **changes) if changes else report


def _internal_error(source: str, exc: BaseException) -> DocumentReport:
    # A bug in one check must not stop a 10,000-document sweep or print a traceback.
    return DocumentReport(source=source, error=f"internal error: {type(exc).__name__}: {exc}")


def audit_path_safe(path: str | Path, config: Config, keep: Keep = Keep()) -> DocumentReport:
    """Audit one file; every failure becomes the report's ``error``, never an exception."""
    try:
        return _slim(audit_file(path, config), keep)
    except Exception as exc:
        return _internal_error(str(path), exc)


def audit_bytes_safe(data: bytes, name: str, config: Config, keep: Keep = Keep()) -> DocumentReport:
    """Audit one file's bytes (what a remote worker receives); failures become ``error``."""
    try:
        return _slim(audit_bytes(data, name, config), keep)
    except Exception as exc:
        return _internal_error(name, exc)


def read_input(path: Path, config: Config) -> bytes:
    """A file's bytes for shipping to a remote worker; IngestError with the CLI's wording."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IngestError("no such file") from None
    except OSError as exc:
        raise IngestError(f"cannot read the file ({exc.strerror or exc})") from None
    if path.is_dir():
        raise IngestError("is a directory")
    if size > config.max_bytes:
        # Checked before reading so an oversized file never travels to the cluster.
        raise IngestError(
            f"file is {size / 1e6:.1f} MB, over the {config.max_bytes / 1e6:.0f} MB limit"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read the file ({exc.strerror or exc})") from None


# ---------------------------------------------------------------------------------------------
# Ordered, bounded streaming over any executor


def ordered_stream(
    items: Iterable[Any],
    submit: Callable[[Any], Future | Any],
    window: int,
) -> Iterator[Any]:
    """Yield ``submit(item)``'s results in input order with at most ``window`` pending.

    ``submit`` returns a future (anything with ``.result()``) or a finished value. Waiting on
    the oldest pending item is the reorder buffer: later results that finish first simply wait
    in their futures, and no new work is submitted beyond the window, so memory stays bounded.
    """
    pending: deque[Any] = deque()
    it = iter(items)
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            try:
                item = next(it)
            except StopIteration:
                exhausted = True
                break
            pending.append(submit(item))
        if not pending:
            return
        head = pending.popleft()
        yield head.result() if hasattr(head, "result") else head


# Worker-process state: the config is sent once per worker, not with every document.
_WORKER: dict[str, Any] = {}


def _init_worker(config: Config, keep: Keep, output: Output | None = None) -> None:
    _WORKER["config"] = config
    _WORKER["keep"] = keep
    _WORKER["output"] = output
    # Build the rule registry now so the first document does not pay for it.
    from tosaudit.rules import registry

    registry()


def _audit_chunk(paths: list[str]) -> list[DocumentReport]:
    config, keep = _WORKER["config"], _WORKER["keep"]
    return [audit_path_safe(p, config, keep) for p in paths]


def _prepare_chunk(paths: list[str]) -> list[Prepared]:
    config, output = _WORKER["config"], _WORKER["output"]
    return [prepare(audit_path_safe(p, config, output.keep), output) for p in paths]


def _chunks(paths: Sequence[Path], size: int) -> Iterator[list[str]]:
    for i in range(0, len(paths), size):
        yield [str(p) for p in paths[i : i + size]]


def default_workers() -> int:
    """The CPU count this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _warm() -> None:
    """Load everything the first audit would load lazily (rules, clause model, dictionaries)."""
    from tosaudit.api import audit_text
    from tosaudit.rules import registry

    try:
        registry()
        audit_text("Warm up. You can cancel at any time.", Config(), source="<warm-up>")
    except Exception:  # noqa: S110 - a broken check shows up per document, as "internal error"
        pass


def _mp_context() -> Any:
    import multiprocessing as mp

    methods = mp.get_all_start_methods()
    # fork: workers start at once with the parent's warm state (copy-on-write). It is only safe
    # while this is the only thread, because a fork copies locks other threads may hold; the
    # pool forks all its workers before its own manager thread starts (see _stream_local).
    if "fork" in methods and threading.active_count() == 1:
        return mp.get_context("fork")
    # Otherwise (e.g. inside the Streamlit app) workers fork from a clean server process.
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["tosaudit.api", "tosaudit.batch"])
        return ctx
    return mp.get_context("spawn")  # pragma: no cover - Windows


def _noop() -> None:
    return None


def _stream_local(
    paths: Sequence[Path],
    config: Config,
    keep: Keep,
    workers: int,
    chunk: int,
    output: Output | None = None,
) -> Iterator[Any]:
    """Reports (or, with ``output``, Prepared documents) of ``paths`` in order."""
    if workers <= 1 or len(paths) <= 1:
        if output is not None:
            return (prepare(audit_path_safe(p, config, keep), output) for p in paths)
        return (audit_path_safe(p, config, keep) for p in paths)
    workers = min(workers, len(paths))
    ctx = _mp_context()
    forking = ctx.get_start_method() == "fork"
    if forking:
        _warm()
        # Workers share the parent's loaded rules and model copy-on-write; the collector
        # scanning those objects in each worker would copy every page they sit on.
        gc.freeze()
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=ctx,
        initializer=_init_worker,
        initargs=(config, keep, output),
    )
    # Start the workers now, before the caller starts any thread (a progress bar): with fork,
    # the first submit launches every worker before the pool's manager thread exists.
    try:
        pool.submit(_noop)
    finally:
        if forking:
            gc.unfreeze()
    return _drain(pool, paths, workers, chunk, _audit_chunk if output is None else _prepare_chunk)


def _drain(
    pool: ProcessPoolExecutor,
    paths: Sequence[Path],
    workers: int,
    chunk: int,
    work: Callable[[list[str]], list[Any]] = _audit_chunk,
) -> Iterator[Any]:
    try:
        stream = ordered_stream(
            _chunks(paths, chunk), lambda c: pool.submit(work, c), window=workers * 4
        )
        for reports in stream:
            yield from reports
    finally:
        # Also on Ctrl-C or when the consumer stops early: drop queued work, reap the workers.
        pool.shutdown(wait=True, cancel_futures=True)


def _stream_dask(
    paths: Sequence[Path],
    config: Config,
    keep: Keep,
    scheduler: str | None,
    workers: int,
    client: Any = None,
) -> Iterator[DocumentReport]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise BatchError(
            "the dask executor needs the optional extra: pip install 'tosaudit[dask]'"
        ) from None
    owned: list[Any] = []
    if client is None:
        try:
            if scheduler:
                client = Client(scheduler, timeout="10s")
            else:
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1)
                owned.append(cluster)
                client = Client(cluster)
        except Exception as exc:  # OSError, TimeoutError, ValueError for a bad address
            raise BatchError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
        owned.insert(0, client)
    try:
        # Bytes travel with the task, so workers need no access to this machine's files.
        conf = client.scatter(config, broadcast=True)

        def submit(p: Path) -> Any:
            try:
                data = read_input(p, config)
            except IngestError as exc:
                return DocumentReport(source=str(p), error=str(exc))
            return client.submit(audit_bytes_safe, data, str(p), conf, keep, pure=False)

        n = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        yield from ordered_stream(paths, submit, window=n * 4)
    finally:
        for obj in owned:
            obj.close()


def audit_stream(
    paths: Sequence[Path],
    config: Config | None = None,
    *,
    workers: int | None = None,
    keep: Keep = Keep(),
    executor: str = "local",
    scheduler: str | None = None,
    client: Any = None,
    chunk: int = 1,
) -> Iterator[DocumentReport]:
    """Audit ``paths`` and yield their reports in the same order, as they become ready.

    ``workers`` defaults to the CPU count. With ``executor="dask"`` the documents run on the
    cluster at ``scheduler`` (or on ``client`` when given, or a LocalCluster when neither is).
    Reports come back without ``text`` and per-sentence scores unless ``keep`` asks for them.
    """
    config = config or Config()
    workers = workers or default_workers()
    if executor == "local":
        return _stream_local(paths, config, keep, workers, max(1, chunk))
    if executor == "dask":
        return _stream_dask(paths, config, keep, scheduler, workers, client)
    raise BatchError(f"unknown executor '{executor}' (choose local or dask)")


def prepared_stream(
    paths: Sequence[Path],
    config: Config | None = None,
    *,
    output: Output = Output(),
    workers: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    client: Any = None,
    chunk: int = 1,
) -> Iterator[Prepared]:
    """``audit_stream``, with each report turned into ``Prepared`` where it was audited.

    Local workers build the record and, for a format that encodes (``output.writer``), its
    text, so the parent only writes them in input order. On Dask the parent prepares them.
    """
    config = config or Config()
    workers = workers or default_workers()
    if executor == "local":
        return _stream_local(paths, config, output.keep, workers, max(1, chunk), output)
    reports = audit_stream(
        paths,
        config,
        workers=workers,
        keep=output.keep,
        executor=executor,
        scheduler=scheduler,
        client=client,
        chunk=chunk,
    )
    return (prepare(r, output) for r in reports)
