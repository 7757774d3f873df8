"""Tesseract's readings kept for one test run, by image and settings: the same image read the same way twice in a
run (the same drawn scan in several tests or modules) is read by tesseract once.

Still real tesseract: the first reading of an image is tesseract's own (its library in the test process, or the
``tesseract`` program, as :meth:`docgen.notices.ocr.Tesseract._run` chooses); a later one with the same pixels,
mode, size, resolution, options, output kind, command, language, time limit and library switch gets that text
back. Tesseract is deterministic for those (``in_process`` clears its adaptive classifier before each image), so a
test sees what a second reading would give. A reading that fails is not kept (it fails again, for real). Only the
test processes use it: a ``docgen`` process a test starts (an ingest, a served workspace) reads for itself.
``DOCGEN_TEST_OCR_CACHE=0`` turns it off for a run; the ``ocr_afresh`` mark for one test.

The folder is the run's, under pytest's temporary root, shared by the xdist workers (entries are written whole,
by rename). Each worker leaves ``stats-<worker>.json`` there: readings, hits, the CPU the hits saved (the first
reading's, measured then), and which test read an image first for which later one (work a test repeats).
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image

from docgen.notices import ocr

SWITCH = "DOCGEN_TEST_OCR_CACHE"
Run = Callable[[ocr.Tesseract, Image.Image, int, list[str], str], str]  # Tesseract._run, unbound


def _cpu() -> float:
    """CPU of this thread and of the processes this process has waited for (a ``tesseract`` program)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.thread_time() + children.ru_utime + children.ru_stime


def _current_test() -> str:
    """The test running (pytest's own record of it), without its phase."""
    return os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" ", 1)[0]


class Readings:
    """The run's kept readings in ``folder``, with this process's counts."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.paused = False  # a test marked ocr_afresh
        self.readings = self.hits = 0
        self.saved = 0.0
        self.pairs: dict[str, float] = {}  # "first reader <- later reader": CPU saved (where work is repeated)
        self._lock = threading.Lock()

    def key(self, engine: ocr.Tesseract, image: Image.Image, dpi: int, options: list[str], config: str) -> str:
        digest = hashlib.sha256(image.tobytes())
        settings = (image.mode, image.size, dpi, options, config, engine.command, engine.lang, engine.timeout)
        digest.update(repr((settings, os.environ.get(ocr.LIBRARY_SWITCH))).encode())
        return digest.hexdigest()

    def read(
        self, engine: ocr.Tesseract, image: Image.Image, dpi: int, options: list[str], config: str, run: Run
    ) -> str:
        if self.paused:
            return run(engine, image, dpi, options, config)
        path = self.folder / self.key(engine, image, dpi, options, config)
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            kept = None
        if kept is not None:
            with self._lock:
                self.readings += 1
                self.hits += 1
                self.saved += kept["cpu"]
                pair = f"{kept.get('by', '?')} <- {_current_test()}"
                self.pairs[pair] = self.pairs.get(pair, 0.0) + kept["cpu"]
            text: str = kept["text"]
            return text
        start = _cpu()
        text = run(engine, image, dpi, options, config)
        used = _cpu() - start
        part = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
        part.write_text(json.dumps({"text": text, "cpu": used, "by": _current_test()}), encoding="utf-8")
        part.replace(path)
        with self._lock:
            self.readings += 1
        return text

    def write_stats(self, worker: str) -> None:
        pairs = {pair: round(cpu, 2) for pair, cpu in sorted(self.pairs.items(), key=lambda item: -item[1])}
        stats = {"readings": self.readings, "hits": self.hits, "cpu_saved": round(self.saved, 2), "pairs": pairs}
        (self.folder / f"stats-{worker}.json").write_text(json.dumps(stats), encoding="utf-8")


@contextmanager
def kept_readings(folder: Path) -> Iterator[Readings]:
    """Every :class:`~docgen.notices.ocr.Tesseract` in this process reads through ``folder`` while open."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    readings = Readings(folder)
    original = ocr.Tesseract._run

    def _run(self: ocr.Tesseract, image: Image.Image, dpi: int, options: list[str], config: str) -> str:
        return readings.read(self, image, dpi, options, config, original)

    ocr.Tesseract._run = _run  # type: ignore[method-assign]
    try:
        yield readings
    finally:
        ocr.Tesseract._run = original  # type: ignore[method-assign]
