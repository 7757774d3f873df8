"""OCR of scanned pages: clean-up (grey, denoise, contrast, deskew), then tesseract.

Tesseract sits behind :class:`OcrEngine` (one method: image in, word boxes
out) so tests can put a failing engine in its place. Scans arrive at 150 to
300 dpi, grey, speckled and skewed by a few degrees; tesseract reads best at
about 300 dpi on level, high-contrast text, which is what :func:`clean` makes.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import io
import math
import os
import re
import shutil
import subprocess
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from docgen.errors import ConversionError
from docgen.notices.layout import Box, Word
from docgen.pdf.limits import NOTICE_CAPS

TARGET_DPI = 250
MAX_SKEW = 6.0  # degrees searched either way
SKEW_WIDTH = 700  # pixels: the skew is measured on a small copy of the page
GOOD_WORD_CONF = 60.0
UPRIGHT_QUALITY = 0.6  # a first reading worse than this may be of a page scanned sideways
MIN_ORIENTATION_CONF = 2.0  # tesseract's orientation confidence below which the page is left as is


class OcrEngine(Protocol):
    """Reads the words of a clean page image, and tells which way up a page is."""

    def words(self, image: Image.Image, dpi: int) -> list[Word]:
        """Word boxes in points from the top-left corner, with confidence 0-100."""
        ...

    def orientation(self, image: Image.Image, dpi: int) -> int:
        """Degrees (0, 90, 180, 270) to turn the page clockwise to make it upright."""
        ...

    def line(self, image: Image.Image, dpi: int, chars: str = "") -> str:
        """The text of an image holding one line, limited to ``chars`` if given."""
        ...


class Tesseract:
    """Tesseract (Debian ``tesseract-ocr``), one image per call: read by its library loaded into this process
    (:func:`in_process`) when it loads, else by the ``tesseract`` program (always for orientation)."""

    def __init__(self, command: str = "tesseract", lang: str = "eng", timeout: float = 60.0) -> None:
        self.command = command
        self.lang = lang
        self.timeout = timeout

    def words(self, image: Image.Image, dpi: int) -> list[Word]:
        """Run tesseract on ``image`` and read its TSV output."""
        options = ["-l", self.lang, "--psm", "3", "-c", "tessedit_do_invert=0"]
        return parse_tsv(self._run(image, dpi, options, "tsv"), 72.0 / dpi)

    def orientation(self, image: Image.Image, dpi: int) -> int:
        """Tesseract's orientation and script detection (``--psm 0``); 0 when it is unsure."""
        try:
            report = self._run(image, dpi, ["--psm", "0"], "")
        except ConversionError:
            return 0  # too little text to tell: leave the page as it is
        turn = re.search(r"^Rotate:\s*(\d+)", report, re.MULTILINE)
        sure = re.search(r"^Orientation confidence:\s*([\d.]+)", report, re.MULTILINE)
        if not turn or not sure or float(sure.group(1)) < MIN_ORIENTATION_CONF:
            return 0
        return int(turn.group(1)) % 360

    def block(self, image: Image.Image, dpi: int, chars: str = "") -> list[Word]:
        """Word boxes of a block of lines read as one uniform block (``--psm 6``), limited to ``chars``."""
        options = ["-l", self.lang, "--psm", "6", *(["-c", f"tessedit_char_whitelist={chars}"] if chars else [])]
        return parse_tsv(self._run(image, dpi, options, "tsv"), 72.0 / dpi)

    def line(self, image: Image.Image, dpi: int, chars: str = "") -> str:
        """One line of text (``--psm 7``), limited to ``chars`` if given."""
        options = ["-l", self.lang, "--psm", "7", *(["-c", f"tessedit_char_whitelist={chars}"] if chars else [])]
        return self._run(image, dpi, options, "").strip()

    def _run(self, image: Image.Image, dpi: int, options: list[str], config: str) -> str:
        if self.command == "tesseract":  # the library in this process when it loads (no start-up per image)
            text = in_process(image, dpi, options, config, self.timeout)
            if text is not None:
                return text
        return self._spawn(image, dpi, options, config)

    def _spawn(self, image: Image.Image, dpi: int, options: list[str], config: str) -> str:
        """One tesseract program run (``OMP_THREAD_LIMIT=1``: its threads only cost CPU on a busy box)."""
        if shutil.which(self.command) is None:
            raise ConversionError(
                f"{self.command}: OCR program not found; run scripts/setup.sh (Debian: apt-get install tesseract-ocr)"
            )
        buffer = io.BytesIO()
        image.save(buffer, "PPM")
        args = [self.command, "stdin", "stdout", *options, "--dpi", str(dpi), *([config] if config else [])]
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(args, input=buffer.getvalue(), capture_output=True, timeout=self.timeout, env=env)
        except subprocess.TimeoutExpired:
            raise ConversionError(f"tesseract took more than {self.timeout:g} s on one page; check the scan") from None
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise ConversionError(f"tesseract failed ({detail[-1] if detail else done.returncode})")
        return done.stdout.decode("utf-8", "replace")


# ---------------------------------------------------------------------------------------------
# Tesseract in this process: Debian's libtesseract (the library the ``tesseract`` program runs on),
# through its C API. Starting the program costs about 0.2 s of CPU (loading the English model) on
# every image, and a scanned page is read in two to six images (the page, then single values and
# labels read again); loaded once per process and thread, the same reading costs only its own
# recognition. The readings are the program's: same library, same model, same pixels, same settings.

LIBRARY = "libtesseract.so.5"
LEPTONICA, LEPTONICA_SILENT = "liblept.so.5", 6  # its image library, and its severity L_SEVERITY_NONE
LIBRARY_SWITCH = "DOCGEN_TESSERACT_LIBRARY"  # "0" starts the tesseract program for every image instead
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
_PSM_READ_IN_PROCESS = frozenset({"3", "6", "7"})  # orientation (psm 0) needs the osd model: the program


class _Loaded:
    """A tesseract loaded for one thread of one process, freed when that thread ends (a web job's thread)
    or the process does (else the library reports leaks as the process ends)."""

    def __init__(self, lib: ctypes.CDLL, handle: int, lang: str) -> None:
        self.handle, self.lang, self.pid = handle, lang, os.getpid()
        self.defaults: dict[str, str] = {}  # settings a reading changed, with their values as loaded
        weakref.finalize(self, lib.TessBaseAPIDelete, handle)


class _Api(threading.local):
    """This thread's loaded tesseract (one per thread: a handle is not shared between threads)."""

    loaded: _Loaded | None = None


_loading = threading.Lock()
_library: ctypes.CDLL | None = None
_library_tried = False
_api = _Api()


def _load() -> ctypes.CDLL | None:
    """libtesseract with its C functions typed, or None (not installed, switched off, or its OpenMP
    already started with more than one thread: then the program, which always runs on one)."""
    global _library, _library_tried
    with _loading:
        if _library_tried:
            return _library
        _library_tried = True
        if os.environ.get(LIBRARY_SWITCH, "1") == "0":
            return None
        before = os.environ.get("OMP_THREAD_LIMIT")
        os.environ["OMP_THREAD_LIMIT"] = "1"  # read once, when OpenMP loads with the library
        try:
            lib = ctypes.CDLL(LIBRARY)
            gomp = ctypes.CDLL("libgomp.so.1")
        except OSError:
            return None
        finally:
            if before is None:
                del os.environ["OMP_THREAD_LIMIT"]
            else:
                os.environ["OMP_THREAD_LIMIT"] = before
        if gomp.omp_get_thread_limit() != 1:
            return None
        with contextlib.suppress(OSError, AttributeError):  # its image library's messages ("Error in
            ctypes.CDLL(LEPTONICA).setMsgSeverity(LEPTONICA_SILENT)  # pixScanForForeground"): the program's are dropped
        pointer, text = ctypes.c_void_p, ctypes.c_char_p
        signatures: dict[str, tuple[list[type], type | None]] = {
            "TessBaseAPICreate": ([], pointer),
            "TessBaseAPIInit3": ([pointer, text, text], ctypes.c_int),
            "TessBaseAPIDelete": ([pointer], None),
            "TessBaseAPISetVariable": ([pointer, text, text], ctypes.c_int),
            "TessBaseAPIGetStringVariable": ([pointer, text], pointer),
            "TessBaseAPIGetIntVariable": ([pointer, text, ctypes.POINTER(ctypes.c_int)], ctypes.c_int),
            "TessBaseAPIGetBoolVariable": ([pointer, text, ctypes.POINTER(ctypes.c_int)], ctypes.c_int),
            "TessBaseAPISetPageSegMode": ([pointer, ctypes.c_int], None),
            "TessBaseAPISetImage": ([pointer, text, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int], None),
            "TessBaseAPIRecognize": ([pointer, pointer], ctypes.c_int),
            "TessBaseAPIGetTsvText": ([pointer, ctypes.c_int], pointer),
            "TessBaseAPIGetUTF8Text": ([pointer], pointer),
            "TessBaseAPIClear": ([pointer], None),
            "TessBaseAPIClearAdaptiveClassifier": ([pointer], None),
            "TessDeleteText": ([pointer], None),
            "TessMonitorCreate": ([], pointer),
            "TessMonitorDelete": ([pointer], None),
            "TessMonitorSetDeadlineMSecs": ([pointer, ctypes.c_int], None),
            "TessMonitorSetCancelFunc": ([pointer, _CANCEL], None),
        }
        try:
            for name, (args, result) in signatures.items():
                function = getattr(lib, name)
                function.argtypes, function.restype = args, result
        except AttributeError:  # another library under that name
            return None
        _library = lib
        return lib


def _handle(lib: ctypes.CDLL, lang: str) -> _Loaded:
    """This thread's tesseract for ``lang``, loaded on first use (again in a forked child)."""
    loaded = _api.loaded
    if loaded is not None and loaded.pid == os.getpid() and loaded.lang == lang:
        return loaded
    handle: int | None = lib.TessBaseAPICreate()
    if handle is None:
        raise ConversionError("tesseract failed (out of memory loading it)")
    if lib.TessBaseAPIInit3(handle, None, lang.encode()) != 0:
        lib.TessBaseAPIDelete(handle)
        raise ConversionError(
            f"tesseract failed (no language data for {lang!r}); run scripts/setup.sh "
            f"(Debian: apt-get install tesseract-ocr-{lang})"
        )
    lib.TessBaseAPISetVariable(handle, b"debug_file", b"/dev/null")  # its warnings: the program's are dropped too
    _api.loaded = _Loaded(lib, handle, lang)  # the one it replaces is freed
    return _api.loaded


def _default(lib: ctypes.CDLL, handle: int, name: str) -> str | None:
    """A tesseract setting's value as loaded (to put back after a reading that changed it)."""
    number = ctypes.c_int()
    if lib.TessBaseAPIGetIntVariable(handle, name.encode(), ctypes.byref(number)):
        return str(number.value)
    if lib.TessBaseAPIGetBoolVariable(handle, name.encode(), ctypes.byref(number)):
        return "1" if number.value else "0"
    found = lib.TessBaseAPIGetStringVariable(handle, name.encode())
    return ctypes.string_at(found).decode() if found else None


# Tesseract asks this between words whether to stop (its ``TessCancelFunc``: the monitor's object, words read).
_CANCEL = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p, ctypes.c_int)
# The time allowed a page is CPU time (this thread's): on a machine busy with other work (a batch beside CI, other
# users) a page waits its turn for a core, and a clock on the wall would stop a reading that is going well. The wall
# clock still stops one this many times as long (a reading that never gets a core).
WALL_FACTOR = 10.0


def in_process(image: Image.Image, dpi: int, options: list[str], config: str, timeout: float) -> str | None:
    """What ``tesseract stdin stdout OPTIONS --dpi DPI CONFIG`` prints for ``image``, read by the library
    in this process; None when it cannot be (library missing or off, options or image it is not used
    for): then the program runs."""
    settings = _settings(options)
    if settings is None or config not in ("tsv", "") or image.mode != "L":
        return None
    lib = _load()
    if lib is None:
        return None
    lang, psm, variables = settings
    loaded = _handle(lib, lang)
    handle, defaults = loaded.handle, loaded.defaults
    for name in [name for name in defaults if name not in variables]:  # a former reading's settings undone
        lib.TessBaseAPISetVariable(handle, name.encode(), defaults.pop(name).encode())
    for name, value in variables.items():
        if name not in defaults:
            kept = _default(lib, handle, name)
            if kept is None:
                return None  # a setting this tesseract does not know: the program says so
            defaults[name] = kept
        lib.TessBaseAPISetVariable(handle, name.encode(), value.encode())
    lib.TessBaseAPISetVariable(handle, b"user_defined_dpi", str(dpi).encode())
    lib.TessBaseAPISetPageSegMode(handle, psm)
    lib.TessBaseAPIClearAdaptiveClassifier(handle)  # nothing learnt from a former image: a fresh start
    pixels = image.tobytes()
    lib.TessBaseAPISetImage(handle, pixels, image.width, image.height, 1, image.width)
    monitor = lib.TessMonitorCreate()
    start = time.thread_time()
    cancel = _CANCEL(lambda _monitor, _words: time.thread_time() - start > timeout)  # kept alive while it reads
    try:
        lib.TessMonitorSetDeadlineMSecs(monitor, round(timeout * WALL_FACTOR * 1000))
        lib.TessMonitorSetCancelFunc(monitor, cancel)
        if lib.TessBaseAPIRecognize(handle, monitor) != 0:
            raise ConversionError(
                f"tesseract took more than {timeout:g} s of CPU on one page, or failed; check the scan"
            )
        found = lib.TessBaseAPIGetTsvText(handle, 0) if config == "tsv" else lib.TessBaseAPIGetUTF8Text(handle)
        text = ctypes.string_at(found).decode("utf-8", "replace") if found else ""
        if found:
            lib.TessDeleteText(found)
    finally:
        lib.TessMonitorDelete(monitor)
        lib.TessBaseAPIClear(handle)
    return TSV_HEADER + text if config == "tsv" else text


def _settings(options: list[str]) -> tuple[str, int, dict[str, str]] | None:
    """Language, page segmentation mode and ``-c`` settings of a tesseract command line, or None when it
    holds anything else (or a mode the library is not used for)."""
    lang, psm, variables = "eng", "3", {}
    pairs = iter(options)
    for flag in pairs:
        value = next(pairs, None)
        if value is None:
            return None
        if flag == "-l":
            lang = value
        elif flag == "--psm":
            psm = value
        elif flag == "-c" and "=" in value:
            name, setting = value.split("=", 1)
            variables[name] = setting
        else:
            return None
    return (lang, int(psm), variables) if psm in _PSM_READ_IN_PROCESS else None


# Marks OCR makes of a speck or a rule at a word's edge (a quote before "Notice Date" hides the label; a box's
# rule read as a bracket before "[Receipt Number:").
EDGE_SPECKS = "|\"'`\u2018\u2019\u201c\u201d[]{}"
# Words without a letter or digit that are kept: the ampersand of a company's name ("GRANITE & PINE").
KEPT_SIGNS = frozenset({"&"})


def parse_tsv(tsv: str, scale: float) -> list[Word]:
    """Word boxes from tesseract's TSV, scaled from pixels to points."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = bar_letter((row.get("text") or "").strip()).strip(EDGE_SPECKS)
        if row.get("level") != "5" or not text or not (text in KEPT_SIGNS or any(ch.isalnum() for ch in text)):
            continue
        left, top = float(row["left"]), float(row["top"])
        width, height = float(row["width"]), float(row["height"])
        conf = float(row["conf"])
        run = LEADER_RUN.search(text)
        if run and run.end() < len(text) and _leader_junk(text[run.end() :], conf):  # ``date......crcccsse``
            width, text = width * run.end() / len(text), text[: run.end()]
        if _leader_junk(text, conf):
            continue
        lead = LEADER_START.match(text)
        if lead:  # a leader's last dots run into the value after it (``..ZHOU,``): the value alone
            left, width = left + width * lead.end() / len(text), width * (1 - lead.end() / len(text))
            text = text[lead.end() :]
        words.append(Word(text, left * scale, top * scale, (left + width) * scale, (top + height) * scale, conf))
    return words


# A capital I read as a bar (or ``!``, a bracket) at the start of a word it is part of: a form number (``|-765``)
# or a receipt number whose office code has lost its I (``|OE2654690719``: two letters and ten digits): the letter.
# Anywhere else a bar at a word's edge is a speck or a rule's remains (:data:`EDGE_SPECKS`) and is dropped.
BAR_LETTER = re.compile(r"^[|!\[\]](?=[-\u2013]\d{2,3}[A-Z]?(?![^\W_])|[A-Z]{2}-?\d{2}-?\d{3}-?\d{5}(?![^\W_]))")


def bar_letter(text: str) -> str:
    """``text`` with a leading bar that is the capital I of a form or receipt number made that letter again."""
    return BAR_LETTER.sub("I", text, count=1)


# Dot leaders (``Petitioner........ VALUE``) on a scan: tesseract reads a run of dots as dots, or, worse, as a
# weak word of round small letters (``cccsccseceees``, ``eogesess``), and runs the last dots into the value.
LEADER_RUN = re.compile("[.,\u2026]{3,}")
LEADER_START = re.compile("[.,\u2026]{2,}(?=\\w)")
LEADER_LETTERS = frozenset("ceosa")
LEADER_SHARE = 0.7  # of a word's letters in LEADER_LETTERS ...
LEADER_CONF = 50.0  # ... read with less confidence than this, lower case, this many letters: a leader read as letters
LEADER_CHARS = 5


def _leader_junk(text: str, conf: float) -> bool:
    """Whether a word is a dot leader tesseract read as letters (never a word of the notice: its letters are
    all small round ones, read with little confidence)."""
    letters = [ch for ch in text if ch.isalpha()]
    return (
        conf < LEADER_CONF
        and len(letters) >= LEADER_CHARS
        and not any(ch.isupper() or ch.isdigit() for ch in text)
        and sum(ch in LEADER_LETTERS for ch in letters) >= LEADER_SHARE * len(letters)
    )


def quality(words: list[Word]) -> float:
    """Share of words read with good confidence (0 when nothing was read)."""
    scored = [word for word in words if len(word.text) > 1]
    if len(scored) < 10:
        return 0.0
    return sum(word.conf >= GOOD_WORD_CONF for word in scored) / len(scored)


def clean(image: Image.Image, dpi: int) -> tuple[Image.Image, Image.Image, int]:
    """Grey, straighten, scale to about 300 dpi, stretch contrast (:func:`sheet`, then :func:`finish`)."""
    grey, dpi = sheet(image, dpi)
    return finish(grey, dpi)


def sheet(image: Image.Image, dpi: int) -> tuple[Image.Image, int]:
    """The page as a grey sheet and its resolution: a photo cropped to its sheet and straightened, light
    evened out where it falls off (a photo's gradient, a scanner's shadow band down one edge)."""
    grey = grey_page(image)
    box = paper_box(grey)
    if box is not None:  # a photo: the sheet on a darker desk, lit unevenly, seen at a slant
        corners = sheet_corners(grey, box)
        if corners is None:
            # The bright box is not the sheet (light falling off over part of it left that part out of the box):
            # the sheet's sides where the desk steps up to paper, when they hold the box (never less of the sheet).
            edges = sheet_edges(grey)
            corners = edges if edges is not None and _holds(edges, box) else None
        # Straightened straight to the reading resolution: one resampling, not two (small type blurs).
        short = round(LETTER_WIDTH_INCHES * TARGET_DPI)
        grey = flatten_light(unwarp(grey, corners, short) if corners is not None else grey.crop(box))
        return grey, round(min(grey.size) / LETTER_WIDTH_INCHES)
    corners = sheet_edges(grey)
    if corners is not None:  # a photo whose sheet fills the frame: a narrow band of desk along its sides
        grey = flatten_light(unwarp(grey, corners, round(LETTER_WIDTH_INCHES * TARGET_DPI)))
        return grey, round(min(grey.size) / LETTER_WIDTH_INCHES)
    return even_edges(grey), dpi


def finish(grey: Image.Image, dpi: int) -> tuple[Image.Image, Image.Image, int]:
    """A grey sheet, upright or nearly, made ready for tesseract.

    Returns the page softened against noise (for reading the whole page), the
    same page left sharp (for a second, independent reading of single values)
    and the new resolution. Both have the same geometry.
    """
    soft, sharp, dpi, _ = _finish(grey, dpi)
    return soft, sharp, dpi


def _finish(grey: Image.Image, dpi: int) -> tuple[Image.Image, Image.Image, int, float]:
    """:func:`finish`, and the angle (degrees, counter-clockwise) the sheet was turned by to level it (0 when
    under a tenth of a degree: left as it was)."""
    angle = skew_angle(grey)
    if abs(angle) >= 0.1:
        grey = grey.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=_paper(grey), expand=False)
    else:
        angle = 0.0
    grey = erase_specks(grey)
    if dpi < TARGET_DPI - 40:
        factor = TARGET_DPI / dpi
        grey = grey.resize((round(grey.width * factor), round(grey.height * factor)), Image.Resampling.BICUBIC)
        dpi = TARGET_DPI
    zoomed = small_print_dpi(grey, dpi)
    if zoomed > dpi:  # small print (a sheet printed two or four pages to a side): letters made tesseract's size
        factor = zoomed / dpi
        grey = grey.resize((round(grey.width * factor), round(grey.height * factor)), Image.Resampling.BICUBIC)
        dpi = zoomed
    grey = erase_leaders(erase_rules(lift_tints(invert_dark_bands(grey, dpi), dpi), dpi), dpi)
    cutoff = (_dark_cutoff(grey), 1.0)
    sharp = ImageOps.autocontrast(grey, cutoff=cutoff)
    # A grainy page keeps its strokes and loses its grain under a median; a clean one reads best softened.
    if paper_noise(grey) > NOISY_PAPER:
        smooth = median3(grey) if GRAIN_MEDIAN == 3 else grey.filter(ImageFilter.MedianFilter(GRAIN_MEDIAN))
    else:
        smooth = grey.filter(ImageFilter.BoxBlur(1))
    soft = ImageOps.autocontrast(smooth, cutoff=cutoff)
    return soft, sharp, dpi, angle


CONTRAST_CUT = 1.0  # percent of a page's darkest pixels made black when its contrast is stretched ...
INK_BELOW_PAPER = 40  # ... unless that percent reaches pixels this close to the paper's grey (print is darker)
INK_CUT_SHARE = 0.5  # then only this share of the page's print is


def _dark_cutoff(grey: Image.Image) -> float:
    """The percent of a page's darkest pixels that stretching its contrast makes black: :data:`CONTRAST_CUT`,
    unless the page has so little print (a few lines of small type on a flat grey photocopy, under a percent of its
    pixels) that a percent reaches the paper around the letters: made black, its specks ran the letters together
    into blots that OCR read as nothing. Then half the print's share."""
    pixels = np.asarray(grey)[::2, ::2]
    paper = _level(pixels, 50.0)
    if _level(pixels, CONTRAST_CUT) < paper - INK_BELOW_PAPER:
        return CONTRAST_CUT
    ink = 100.0 * float(np.count_nonzero(pixels < paper - INK_BELOW_PAPER)) / max(pixels.size, 1)
    return min(CONTRAST_CUT, INK_CUT_SHARE * ink)


LINE_STRIP = 0.25  # inches: the page is cut into strips this wide, down which each line of print is a run of rows
LINE_RULE = 0.8  # a row of a strip inked across more than this share of it is a rule, not a line of letters
LINE_RANGE = (4, 0.5)  # a run of inked rows from this many pixels to this many inches tall is a line of print
LINE_RUNS = 40  # fewer runs than this: too little print to tell its size (left as it is)
# Pixels: a page whose lines of print are, three in four of them, shorter than this is small print (the upper
# quartile: a run down a strip of lower-case letters alone is only as tall as their x-height) ...
SMALL_LINE = 18.5
LINE_TARGET = 24.0  # ... read enlarged so that they are this tall (an ordinary notice's lines at TARGET_DPI) ...
MAX_ZOOM = 1.6  # ... by at most this much (tesseract's time grows with the square) ...
ZOOM_PIXELS = 16_000_000  # ... and to at most this many pixels (a landscape sheet at 400 dpi is 15 million)


def line_height(grey: Image.Image, dpi: int) -> float | None:
    """The height (pixels) of the page's lines of print, ascenders to descenders, that three in four are no taller
    than: in strips down the page, each run of rows with some ink (and no rule across) is one line's (or, in a
    strip of small letters alone, their x-height's); None when there is too little print."""
    pixels = np.asarray(grey)
    paper = float(np.percentile(pixels[::4, ::4], 90))
    ink = pixels < paper * 0.6
    width = max(round(LINE_STRIP * dpi), 8)
    runs: list[np.ndarray] = []
    for left in range(0, ink.shape[1] - width + 1, width):
        share = ink[:, left : left + width].mean(axis=1)
        rows = ((share > 0) & (share < LINE_RULE)).astype(np.int8)
        steps = np.diff(np.concatenate(([0], rows, [0])))
        runs.append(np.flatnonzero(steps == -1) - np.flatnonzero(steps == 1))
    heights = np.concatenate(runs) if runs else np.zeros(0)
    heights = heights[(heights >= LINE_RANGE[0]) & (heights <= LINE_RANGE[1] * dpi)]
    return float(np.percentile(heights, 75)) if heights.size >= LINE_RUNS else None


def small_print_dpi(grey: Image.Image, dpi: int) -> int:
    """The resolution to read a page at: its own, or higher when its print is small (:data:`SMALL_LINE`)."""
    height = line_height(grey, dpi)
    if height is None or height >= SMALL_LINE:
        return dpi
    room = math.sqrt(ZOOM_PIXELS / max(grey.width * grey.height, 1))
    zoom = min(LINE_TARGET / height, MAX_ZOOM, room)
    return max(dpi, round(dpi * zoom))


NOISY_PAPER = 2.5  # grey levels: paper grainier than this (robust spread) is read through a median filter ...
# ... of this size (pixels, at TARGET_DPI). A 5-pixel median read the development generator's poor scans
# better (95.1% -> 97.9% of fields) but wiped out the small labels of a half-sheet notice on a sealed
# set's scan, so that notice was lost and its neighbour took its amount: 3 stays.
GRAIN_MEDIAN = 3


def median3(image: Image.Image) -> Image.Image:
    """PIL's ``MedianFilter(3)`` of a grey image, pixel for pixel (edges repeated), six times faster: each
    column of three sorted once, the median of nine is the middle of the three columns' lowest-of-highs,
    middle-of-middles and highest-of-lows."""
    pixels = np.pad(np.asarray(image, dtype=np.uint8), 1, mode="edge")
    above, at, below = pixels[:-2], pixels[1:-1], pixels[2:]
    low, high = np.minimum(above, at), np.maximum(above, at)
    middle = np.maximum(low, np.minimum(high, below))
    low, high = np.minimum(low, below), np.maximum(high, below)
    width = image.width
    left, centre, right = slice(0, width), slice(1, width + 1), slice(2, width + 2)
    lows = np.maximum(np.maximum(low[:, left], low[:, centre]), low[:, right])
    highs = np.minimum(np.minimum(high[:, left], high[:, centre]), high[:, right])
    a, b, c = middle[:, left], middle[:, centre], middle[:, right]
    middles = np.maximum(np.minimum(a, b), np.minimum(np.maximum(a, b), c))
    out = np.maximum(np.minimum(lows, middles), np.minimum(np.maximum(lows, middles), highs))
    return Image.fromarray(out, "L")


def _level(pixels: np.ndarray, share: float) -> float:
    """``np.percentile(pixels, share)`` of 8-bit pixels, counted (not sorted) when the grey levels around
    that rank are one level, as on a page's paper; numpy's own answer otherwise."""
    size = pixels.size
    if pixels.dtype != np.uint8 or pixels.ndim != 2 or size == 0:
        return float(np.percentile(pixels, share))
    rank = int((size - 1) * share / 100.0)
    counts = np.cumsum(Image.fromarray(pixels, "L").histogram())  # PIL counts grey levels 4x faster than numpy
    first, last = np.searchsorted(counts, [max(rank - 1, 0) + 1, min(rank + 2, size - 1) + 1])
    return float(first) if first == last else float(np.percentile(pixels, share))


def paper_noise(image: Image.Image) -> float:
    """How grainy the paper of a page is: the robust spread of its bright pixels, in grey levels."""
    pixels = np.asarray(image)[::3, ::3].astype(np.float32)
    paper = pixels[pixels >= np.percentile(pixels, 60)]
    if paper.size == 0:
        return 0.0
    return float(np.median(np.abs(paper - np.median(paper))) * 1.4826)


RULE_INCHES = (1.0, 0.35)  # a straight run of ink this long across (along) the page is a ruled line, not a letter
RULE_INK = 0.85  # a pixel darker than this share of the paper's brightness may be a (faint) rule
RULE_THICK = 0.04  # inches: a rule is thinner than this


def erase_rules(image: Image.Image, dpi: int) -> Image.Image:
    """The page with its ruled lines (box borders, underlines) painted over with the paper's grey.

    Tesseract reads a value touching the rule of its box as one odd word, or not at all; letters
    are never a straight run of ink an inch long (across) or a third of an inch high (along).
    """
    pixels = np.asarray(image)
    paper = _level(pixels, 90)
    ink = pixels < paper * RULE_INK
    thin = max(round(RULE_THICK * dpi), 2)
    bridged = ink.copy()  # a rule broken by noise or JPEG: gaps of a pixel or two bridged
    bridged[:, 1:-1] |= ink[:, :-2] & ink[:, 2:]
    bridged[:, 1:-2] |= ink[:, :-3] & ink[:, 3:]
    bridged[:, 2:-1] |= ink[:, :-3] & ink[:, 3:]
    across = _long_runs(bridged, round(RULE_INCHES[0] * dpi))
    across &= ~_long_runs(across.T, thin).T  # a band of text whose letters touch is thick: not a rule
    along = _long_runs(ink.T, round(RULE_INCHES[1] * dpi)).T
    along &= ~_long_runs(along, thin)
    if not across.any() and not along.any():
        return image
    # The rows of a rule that noise broke (too short a run on their own), then its soft edge; where a letter's
    # stroke crosses the rule (a fold's crease or a strike through a line of print), the stroke is kept; a rule
    # crossing another (a box's corner) is no stroke.
    flat = _grow_near(across, ink, RULE_GROW)
    upright = _grow_near(along.T, ink.T, RULE_GROW).T
    grown = _uncrossed(flat, ink & ~upright) | _uncrossed(upright.T, (ink & ~flat).T).T
    out = pixels.copy()
    out[grown] = round(paper)
    return Image.fromarray(out, "L")


TINT_INCHES = 0.1  # a square this wide ...
TINT_INK = 0.6  # ... this much darker than the paper is part of a tinted area (a grey title bar): letters never are
# A pixel darker than this share of the paper may be a tint's: a light shaded panel (a sidebar of facts beside a
# letter) is only a tenth darker than the paper, yet tesseract's one threshold for the page takes it for ink.
TINT_LEVEL = 0.94
PANEL_HEIGHT = 0.5  # inches: a light tint this tall (and TINT_WIDTH wide) is a panel; a thin light bar is left alone
TINT_STEP = 4  # pixels: tints are looked for, and their level measured, on every fourth row and column
TINT_WIDTH = 1.0  # inches: a tinted area runs at least this far across
TINT_LEVEL_INCHES = 0.07  # the tint's level under a letter: the brightest pixel this near (wider than a stroke)


def lift_tints(image: Image.Image, dpi: int) -> Image.Image:
    """The page with its tinted areas (a title bar or table heading printed on a grey fill) brightened to the
    paper's level, the letters on them in proportion; a page without one is returned as it is.

    Tesseract takes a mid-grey bar for ink, letters and all, and :func:`erase_rules` takes the rows of a
    grey fill, broken by noise, for rules. Only the bands of rows holding a tint are worked: each pixel is
    divided by the brightest level near it (the fill under a letter; the paper elsewhere, left as it is).
    """
    pixels = np.asarray(image)
    small = pixels[::TINT_STEP, ::TINT_STEP]
    paper = float(np.percentile(small, 90))
    side = max(round(TINT_INCHES * dpi / TINT_STEP), 3) | 1
    tinted = _box_sum(small < paper * RULE_INK, side) >= TINT_INK * side * side
    tinted = _long_runs(tinted, round(TINT_WIDTH * dpi / TINT_STEP))  # a bar, not a heading's heavy letters
    light = _box_sum(small < paper * TINT_LEVEL, side) >= TINT_INK * side * side
    light = _long_runs(light, round(TINT_WIDTH * dpi / TINT_STEP))
    tinted |= _long_runs(light.T, round(PANEL_HEIGHT * dpi / TINT_STEP)).T  # a panel, tall as well as wide
    rows = np.flatnonzero(tinted.any(axis=1))
    if rows.size == 0:
        return image
    reach = max(round(TINT_LEVEL_INCHES * dpi / TINT_STEP), 1) | 1
    out = pixels.copy()
    breaks = np.flatnonzero(np.diff(rows) > side)
    for first, last in zip(rows[np.r_[0, breaks + 1]], rows[np.r_[breaks, rows.size - 1]], strict=True):
        top = max((first - side) * TINT_STEP, 0)
        bottom = min((last + side + 1) * TINT_STEP, pixels.shape[0])
        band = Image.fromarray(np.ascontiguousarray(small[top // TINT_STEP : -(-bottom // TINT_STEP)]), "L")
        level = (
            band.filter(ImageFilter.RankFilter(reach, reach * reach * 9 // 10))
            .filter(ImageFilter.BoxBlur(1))
            .resize((pixels.shape[1], bottom - top), Image.Resampling.BILINEAR)
        )
        scale = np.maximum(paper / np.maximum(np.asarray(level, dtype=np.float32), 1.0), 1.0)
        # Lifted no brighter than the paper: the page's contrast, stretched next, stays as it was elsewhere.
        part = pixels[top:bottom].astype(np.float32)
        out[top:bottom] = np.minimum(part * scale, np.maximum(part, paper)).astype(np.uint8)
    return Image.fromarray(out, "L")


DARK_FILL = 0.5  # a band whose fill is darker than this share of the paper ...
DARK_WIDTH = 0.6  # ... and runs at least this many inches across is printed in reverse (light letters on it)
DARK_SHARE = 0.6  # a row of the band is in it when this share of the row is fill (its letters are the rest)
DARK_GAP = 0.15  # inches of paper between two bars on one band of rows
LIGHT_LETTERS = (0.02, 0.5)  # the share of a reversed band that is letters: some, never most


def invert_dark_bands(image: Image.Image, dpi: int) -> Image.Image:
    """The page with its reverse-video bands (a banner or heading printed light on a dark fill) turned to dark
    letters on paper; a page without one is returned as it is.

    Tesseract reads dark letters on a light ground only (its own inversion is off: it costs a second look at
    every line), and :func:`lift_tints` would lift such a fill with its letters to paper. A band is a dark
    fill at least :data:`DARK_WIDTH` across, within the page (a scanner's dark edge is none), whose lighter
    pixels (its letters) are a small share of it.
    """
    pixels = np.asarray(image)
    small = pixels[::TINT_STEP, ::TINT_STEP]
    paper = float(np.percentile(small, 90))
    side = max(round(TINT_INCHES * dpi / TINT_STEP), 3) | 1
    dark = _box_sum(small < paper * DARK_FILL, side) >= TINT_INK * side * side
    dark = _long_runs(dark, round(DARK_WIDTH * dpi / TINT_STEP))
    if not dark.any():
        return image
    out: np.ndarray | None = None
    height, width = pixels.shape
    for top, bottom, _, _ in _boxes(dark, side, dark.shape[1]):  # bands of rows, each whole
        columns = np.repeat(dark[top:bottom].any(axis=0), TINT_STEP)[:width]  # where the band's fill was seen
        top, bottom = max((top - side) * TINT_STEP, 0), min((bottom + side) * TINT_STEP, height)
        region = pixels[top:bottom]
        seen = region[:, columns]
        fill = float(np.median(seen[seen < paper * DARK_FILL]))
        middle = (fill + paper) / 2
        filled = region < middle
        rows = np.flatnonzero(filled[:, columns].mean(axis=1) >= DARK_SHARE)
        if rows.size == 0:
            continue
        shares = filled[:, columns].mean(axis=1)
        r0, r1 = int(rows[0]), int(rows[-1]) + 1
        while r0 > 0 and shares[r0 - 1] >= DARK_SHARE / 2:  # the bar's soft top and bottom edges too
            r0 -= 1
        while r1 < shares.size and shares[r1] >= DARK_SHARE / 2:
            r1 += 1
        r0, r1 = r0 + top, r1 + top
        # The bar's columns: mostly fill over its rows, letters and all (a column through a letter's stem
        # still has fill above and below it); gaps of paper wider than DARK_GAP part two bars.
        share = filled[r0 - top : r1 - top].mean(axis=0) >= DARK_SHARE / 2
        share = ~_long_runs(~share[None, :], round(DARK_GAP * dpi))[0]
        for _, _, c0, c1 in _boxes(share[None, :], 0, 1):
            if c1 - c0 < DARK_WIDTH * dpi:
                continue
            if r0 == 0 or c0 == 0 or r1 >= height or c1 >= width:
                continue  # at the page's edge: a scanner's dark border or lid, not a printed band
            band = pixels[r0:r1, c0:c1].astype(np.float32)
            light = band >= middle
            if not LIGHT_LETTERS[0] <= float(light.mean()) <= LIGHT_LETTERS[1]:
                continue  # a dark block with nothing light on it (a redaction, a photo's shadow): left as it is
            bright = float(np.percentile(band[light], 75))
            if out is None:
                out = pixels.copy()
            scale = paper / max(bright - fill, 1.0)
            out[r0:r1, c0:c1] = np.clip(paper - (band - fill) * scale, 0, paper).astype(np.uint8)
    return image if out is None else Image.fromarray(out, "L")


def _boxes(mask: np.ndarray, gap: int, across: int | None = None) -> list[tuple[int, int, int, int]]:
    """The boxes (top, bottom, left, right) around the areas of ``mask``: its bands of rows, each cut into
    runs of columns (gaps of at most ``gap`` rows, ``across`` columns, bridged)."""
    found = []
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) > gap)
    for first, last in zip(rows[np.r_[0, breaks + 1]], rows[np.r_[breaks, rows.size - 1]], strict=True):
        cols = np.flatnonzero(mask[first : last + 1].any(axis=0))
        splits = np.flatnonzero(np.diff(cols) > (gap if across is None else across))
        for a, b in zip(cols[np.r_[0, splits + 1]], cols[np.r_[splits, cols.size - 1]], strict=True):
            found.append((int(first), int(last) + 1, int(a), int(b) + 1))
    return found


DOT_INCHES = 0.03  # a leader's dot fits in a square this wide ...
DOT_CLEAR = (0.01, 0.004)  # ... with no other ink this near above and below it, and this near beside it (the
# leader's next dot may be close: tight periods)
DOT_STEP = 0.1  # inches: a leader's dots follow each other at most this far apart ...
DOT_RUN = 0.35  # ... along a run at least this long (five dots or more)
DOT_INK = 0.7  # a pixel darker than this share of the paper's brightness is ink (lighter: a dot's soft edge)


def erase_leaders(image: Image.Image, dpi: int) -> Image.Image:
    """The page without its dot leaders (``Receipt number.........LIN...``, the dots that lead a label to its
    value), painted over with the paper's grey.

    Tesseract reads a label with dots after it as one odd word (``NUMDET.........``, ``date......ccc``) and
    with little confidence, so the label is not known; without the dots, label and value are two words far
    apart. A leader's dot is a small blob with clear paper round it, one of a row of such blobs close together
    along a line; a sentence's period, a colon, the dot
    on an ``i`` or an amount's decimal point is never five in a row.
    """
    pixels = np.asarray(image)
    paper = _level(pixels, 90)
    ink = pixels < paper * DOT_INK
    inner = max(round(DOT_INCHES * dpi) | 1, 3)
    tall, wide = (inner + 2 * max(round(clear * dpi), 1) for clear in DOT_CLEAR)
    table = _summed(ink, tall // 2)
    dots = ink & (_square_sum(table, inner, tall // 2) == _square_sum(table, wide, tall // 2, tall))
    rows = np.flatnonzero(dots.any(axis=1))
    if rows.size == 0:
        return image
    step = max(round(DOT_STEP * dpi), 2)
    band = dots[rows]
    width = band.shape[1]
    near = np.zeros((rows.size, width + 1), dtype=np.int32)
    np.cumsum(band, axis=1, dtype=np.int32, out=near[:, 1:])
    spread = np.zeros_like(band)  # the stretch of a row from each dot to within ``step`` of the next
    spread[:, : width - step + 1] = near[:, step:] > near[:, : width - step + 1]
    runs = _long_runs(spread, round(DOT_RUN * dpi))
    if not runs.any():
        return image
    leader = np.zeros_like(dots)
    leader[rows] = band & runs
    # Each dot with its soft edge: the square round a dot's pixel holds that dot alone (the paper round it is clear).
    erase = (_square_sum(_summed(leader, inner // 2), inner, inner // 2) > 0) & (pixels < paper * 0.95)
    out = pixels.copy()
    out[erase] = round(_level(pixels, 60))  # the paper's usual grey (its brightest would leave a streak)
    return Image.fromarray(out, "L")


def _summed(mask: np.ndarray, pad: int) -> np.ndarray:
    """The summed-area table of ``mask`` padded with ``pad`` empty pixels all round (and a row and a column of
    zeros before it), for :func:`_square_sum`."""
    height, width = mask.shape
    table = np.zeros((height + 2 * pad + 1, width + 2 * pad + 1), dtype=np.int32)
    inside = table[pad + 1 : pad + 1 + height, pad + 1 : pad + 1 + width]
    np.cumsum(mask, axis=0, dtype=np.int32, out=inside)
    np.cumsum(inside, axis=1, dtype=np.int32, out=inside)
    table[pad + 1 + height :, pad + 1 : pad + 1 + width] = inside[-1]
    table[:, pad + 1 + width :] = table[:, pad + width : pad + 1 + width]
    return table


def _square_sum(table: np.ndarray, side: int, pad: int, tall: int | None = None) -> np.ndarray:
    """For each pixel of the mask, how many of its pixels lie in the ``side`` x ``side`` square round it (``tall``
    rows high if given; odd, at most ``2 * pad + 1``), from its :func:`_summed` table."""
    height, width = table.shape[0] - 1 - 2 * pad, table.shape[1] - 1 - 2 * pad
    left, right = pad - side // 2, pad + side // 2 + 1
    top, bottom = pad - (tall or side) // 2, pad + (tall or side) // 2 + 1
    total: np.ndarray = (
        table[bottom : bottom + height, right : right + width]
        - table[top : top + height, right : right + width]
        - table[bottom : bottom + height, left : left + width]
        + table[top : top + height, left : left + width]
    )
    return total


SPECK_MAX = 2  # a dark pixel with at most one dark neighbour (at the scan's own resolution) is a speck


def erase_specks(image: Image.Image) -> Image.Image:
    """The page without isolated dark pixels (scanner dust, noise), which tesseract reads as letters.

    Run at the scan's own resolution, before scaling: a speck is then a pixel or two, while the
    smallest mark of print (a period) is a cluster.
    """
    pixels = np.asarray(image)
    paper = _level(pixels, 90)
    dark = pixels < paper * 0.6
    specks = dark & (_box_sum(dark, 3) <= SPECK_MAX)
    if not specks.any():
        return image
    out = pixels.copy()
    out[specks] = round(paper)
    return Image.fromarray(out, "L")


def _box_sum(mask: np.ndarray, side: int) -> np.ndarray:
    """For each pixel, how many pixels of ``mask`` lie in the ``side`` x ``side`` square around it (``side``
    odd): the rows of the square summed, then its columns."""
    half = side // 2
    padded = np.pad(mask.astype(np.uint8 if side * side < 256 else np.int32), half)
    height, width = mask.shape
    rows = sum(padded[shift : shift + height] for shift in range(1, side)) + padded[:height]
    total: np.ndarray = sum(rows[:, shift : shift + width] for shift in range(1, side)) + rows[:, :width]
    return total


RULE_GROW = 3  # pixels a rule is followed into the ink beside it (its other rows), then one more


def _grow_near(rules: np.ndarray, ink: np.ndarray, steps: int) -> np.ndarray:
    """:func:`_grow` up and down, worked only on the bands of rows around the rules (the rest of the page is
    untouched, and a page has few rules)."""
    grown = rules.copy()
    rows = np.flatnonzero(rules.any(axis=1))
    if rows.size == 0:
        return grown
    margin = steps + 1
    breaks = np.flatnonzero(np.diff(rows) > 2 * margin)
    for first, last in zip(rows[np.r_[0, breaks + 1]], rows[np.r_[breaks, rows.size - 1]], strict=True):
        band = slice(max(first - margin, 0), last + margin + 1)
        grown[band] = _grow(rules[band], ink[band], 0, steps)
    return grown


def _uncrossed(rules: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """``rules`` (running across) without the columns where ink lies both just above and just below the rule:
    there a stroke crosses it (a letter cut by a crease or a line through it), and erasing the rule would cut
    the letter in two."""
    rows = np.flatnonzero(rules.any(axis=1))
    if rows.size == 0:
        return rules
    kept = rules.copy()
    height = rules.shape[0]
    breaks = np.flatnonzero(np.diff(rows) > 1)
    for first, last in zip(rows[np.r_[0, breaks + 1]], rows[np.r_[breaks, rows.size - 1]], strict=True):
        band = rules[first : last + 1]
        columns = np.flatnonzero(band.any(axis=0))
        top = first + np.argmax(band[:, columns], axis=0)
        bottom = last - np.argmax(band[::-1, columns], axis=0)
        above = ink[np.maximum(top - 1, 0), columns] & (top > 0)
        below = ink[np.minimum(bottom + 1, height - 1), columns] & (bottom < height - 1)
        crossed = columns[above & below]
        kept[first : last + 1, crossed] = False
    return kept


def _grow(rules: np.ndarray, ink: np.ndarray, axis: int, steps: int) -> np.ndarray:
    """``rules`` grown across their direction (``axis`` 0: up and down) through ``ink``, then by a pixel."""
    grown = rules.copy()
    for step in range(steps + 1):
        before = grown.copy()
        for near in (slice(1, None), slice(None, -1)):
            far = slice(None, -1) if near.start == 1 else slice(1, None)
            if axis == 0:
                grown[near, :] |= before[far, :] & (ink[near, :] if step < steps else True)
            else:
                grown[:, near] |= before[:, far] & (ink[:, near] if step < steps else True)
    return grown


def _long_runs(mask: np.ndarray, length: int) -> np.ndarray:
    """The pixels of ``mask`` that lie in a run of at least ``length`` along its rows."""
    out = np.zeros_like(mask)
    width = mask.shape[1]
    rows = np.flatnonzero(np.count_nonzero(mask, axis=1) >= length)  # only these rows can hold such a run
    if length < 2 or width <= length or rows.size == 0:
        return out
    part = mask[rows]
    sums = np.zeros((rows.size, width + 1), dtype=np.int32)
    np.cumsum(part, axis=1, dtype=np.int32, out=sums[:, 1:])
    starts = np.zeros((rows.size, width), dtype=np.int32)
    starts[:, : width - length + 1] = (sums[:, length:] - sums[:, : width - length + 1]) == length
    covered = np.cumsum(starts, axis=1, dtype=np.int32)
    covered[:, length:] -= covered[:, :-length].copy()
    out[rows] = covered > 0
    return out


LETTER_WIDTH_INCHES = 8.5
PAPER_SIDE = 200  # pixels: the sheet is looked for on a copy this wide
PAPER_ROW = 0.5  # a row or column is on the sheet when this share of its pixels is bright
MIN_MARGIN = 0.04  # a dark margin narrower than this share of the image is a scanner's edge, left alone


def paper_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    """The box of a bright sheet on a darker background (a photo on a desk); None for a plain scan."""
    scale = PAPER_SIDE / image.width
    small = np.asarray(image.resize((PAPER_SIDE, max(round(image.height * scale), 1))), dtype=np.float32)
    level = float(np.percentile(small, 90))
    bright = small > level * 0.7
    rows = np.flatnonzero(bright.mean(axis=1) > PAPER_ROW)
    cols = np.flatnonzero(bright.mean(axis=0) > PAPER_ROW)
    if rows.size == 0 or cols.size == 0:
        return None
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    height, width = small.shape
    margins = (top / height, 1 - bottom / height, left / width, 1 - right / width)
    if max(margins) < MIN_MARGIN or (right - left) < width / 3 or (bottom - top) < height / 3:
        return None
    dark = small[~bright].mean() if (~bright).any() else level
    if dark > level * 0.6:  # the margin is not a darker surface
        return None
    if _soft_edges(small, (top, bottom, left, right), margins):
        return None  # a scanner's shadow darkening towards an edge, not a desk: the light is evened instead
    return (round(left / scale), round(top / scale), round(right / scale), round(bottom / scale))


SOFT_EDGE = 0.02  # share of the image: a sheet's edge on a desk falls from paper to desk within this ...
SHADOW_SPAN = 0.2  # ... (its middle, from a fifth to four fifths of the way down); a shadow takes longer


def _soft_edges(small: np.ndarray, box: tuple[int, int, int, int], margins: tuple[float, ...]) -> bool:
    """Whether every dark margin of ``small`` fades into the sheet slowly (a shadow band from a scanner's lid
    or a bound book), where a photographed sheet's edge is a step from paper to desk."""
    top, bottom, left, right = box
    height, width = small.shape
    inward = max(round(SOFT_EDGE * 2 * max(height, width)), 3)  # the strip starts this far inside the sheet
    sides = []
    if margins[0] >= MIN_MARGIN:
        sides.append(small[: top + inward, left:right][::-1].T)  # each row of these runs from the sheet outwards
    if margins[1] >= MIN_MARGIN:
        sides.append(small[max(bottom - inward, 0) :, left:right].T)
    if margins[2] >= MIN_MARGIN:
        sides.append(small[top:bottom, : left + inward][:, ::-1])
    if margins[3] >= MIN_MARGIN:
        sides.append(small[top:bottom, max(right - inward, 0) :])
    for strip in sides:
        quarter = max(strip.shape[1] // 4, 1)
        if strip.shape[1] < 4:
            return False
        inner = np.median(strip[:, :quarter], axis=1, keepdims=True)  # the paper by the edge, row by row
        outer = np.median(strip[:, -quarter:], axis=1, keepdims=True)
        span = inner - outer
        middle = (strip > outer + span * SHADOW_SPAN) & (strip < inner - span * SHADOW_SPAN) & (span > 0)
        if float(np.median(middle.sum(axis=1))) <= SOFT_EDGE * max(height, width):
            return False
    return bool(sides)


UNEVEN_LIGHT = 0.85  # paper darker than this share of its brightest part somewhere: the light is evened
# The paper's brightness in a row or column: its brightest fiftieth (a printed bar across the page, its margins
# aside, is no shadow; text never fills a row).
EDGE_LIGHT = 98


def even_edges(image: Image.Image) -> Image.Image:
    """A scan with the shadow along its edges lifted (a lid left open, a bound book's spine, a curled
    page): each column, then each row, divided by the paper's brightness in it (its brightest pixels,
    :data:`EDGE_LIGHT`), when that falls anywhere below
    :data:`UNEVEN_LIGHT` of the page's own. An evenly lit scan is returned as it is."""
    pixels = np.asarray(image)
    step = 4  # the paper's brightness, measured on every fourth row and column
    columns = np.percentile(pixels[::step], EDGE_LIGHT, axis=0)
    rows = np.percentile(pixels[:, ::step], EDGE_LIGHT, axis=1)
    paper = float(np.percentile(pixels[::step, ::step], 90))
    if paper <= 0 or min(float(columns.min()), float(rows.min())) >= UNEVEN_LIGHT * paper:
        return image
    out = pixels.astype(np.float32)
    for axis, light in ((0, columns), (1, rows)):
        if axis == 1:
            light = np.percentile(out[:, ::step], EDGE_LIGHT, axis=1)
        light = np.convolve(np.pad(light, 4, mode="edge"), np.ones(9) / 9, mode="valid")  # a dark word is no shadow
        light = np.maximum(light, paper * 0.1)
        scale = np.maximum(paper / light, 1.0).astype(np.float32)
        out = out * (scale[None, :] if axis == 0 else scale[:, None])
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "L")


CORNER_SIDE = 600  # pixels: the sheet's corners are looked for on a copy this wide
Corners = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


def _holds(corners: Corners, box: tuple[int, int, int, int], slack: float = 0.02) -> bool:
    """Whether the sheet inside ``corners`` holds ``box`` (within ``slack`` of the box's size)."""
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    dx, dy = slack * (box[2] - box[0]), slack * (box[3] - box[1])
    return (
        min(xs[0], xs[3]) <= box[0] + dx
        and max(xs[1], xs[2]) >= box[2] - dx
        and min(ys[0], ys[1]) <= box[1] + dy
        and max(ys[2], ys[3]) >= box[3] - dy
    )


def sheet_corners(image: Image.Image, box: tuple[int, int, int, int]) -> Corners | None:
    """The corners (top-left, top-right, bottom-right, bottom-left, in pixels) of a photographed sheet
    found in ``box``: the extremes of its bright area (split from the desk at Otsu's level, specks of
    bright desk opened away). None when they make no plausible sheet (then the box is used)."""
    scale = CORNER_SIDE / image.width
    small = image.resize((CORNER_SIDE, max(round(image.height * scale), 1)), Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.uint8)
    level = _otsu(pixels)
    mask = Image.fromarray(((pixels > level) * 255).astype(np.uint8), "L")
    mask = mask.filter(ImageFilter.MinFilter(5)).filter(ImageFilter.MaxFilter(5))
    ys, xs = np.nonzero(np.asarray(mask))
    if xs.size == 0:
        return None
    plus, minus = xs + ys, xs - ys
    picks = (np.argmin(plus), np.argmax(minus), np.argmax(plus), np.argmin(minus))
    tl, tr, br, bl = ((float(xs[i]) / scale, float(ys[i]) / scale) for i in picks)
    width = (_length(tl, tr) + _length(bl, br)) / 2
    height = (_length(tl, bl) + _length(tr, br)) / 2
    box_width, box_height = box[2] - box[0], box[3] - box[1]
    if not (0.8 * box_width <= width <= 1.1 * box_width and 0.8 * box_height <= height <= 1.1 * box_height):
        return None  # not a four-cornered sheet (a curled or partly covered one): the box will do
    return tl, tr, br, bl


EDGE_STEP = 0.01  # share of the copy's width: a sheet's edge on a desk goes from desk to paper within twice this
EDGE_DARK = 0.6  # the desk just outside the edge is darker than this share of the paper just inside it
EDGE_ROWS = 0.4  # a side is found when this share of its rows (columns) shows such a step on one straight line
EDGE_FIT = 0.01  # share of the copy's width: edge points this far off the side's line are not on it
EDGE_SLANT = 0.2  # a side leans at most this much (run over rise: about 11 degrees)
EDGE_SIDES = 2  # a photo whose sheet fills the frame shows the desk along at least this many sides ...
EDGE_AREA = 0.5  # ... and the sheet found covers at least this share of the photo
EDGE_FRAME = 4.0  # so the photo is at most this many times as long as it is wide (either way)
EDGE_CLEAN = 0.02  # at most this share of the desk outside a side is bright (a dark printed band's letters are more)


def sheet_edges(image: Image.Image) -> Corners | None:
    """The corners (as :func:`sheet_corners`) of a photographed sheet that nearly fills the frame, the desk
    showing as a narrow band along some sides (too narrow for :func:`paper_box`), the sheet's corners perhaps
    cut off by the frame: each side a straight line fitted to where the desk steps up to paper along it (a
    side that runs off the frame is the frame's edge), the corners where the sides meet. None for a plain
    scan (no desk along two sides), and for a shadow fading into the paper (no step), and for a frame far from a
    sheet's shape (a sheet of at least half its area, its sides at most twice each other, fits no frame more than
    four times as long as it is wide: a strip's copy would be huge)."""
    if not 1 / EDGE_FRAME <= image.width / max(image.height, 1) <= EDGE_FRAME:
        return None
    scale = CORNER_SIDE / image.width
    factor = max(image.width // (2 * CORNER_SIDE), 1)  # a box average first: a fifth of the time, same copy
    small = image.reduce(factor).resize((CORNER_SIDE, max(round(image.height * scale), 1)), Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.float32)
    raw = np.asarray(small, dtype=np.uint8) > _otsu(np.asarray(small, dtype=np.uint8))
    bright = _box_sum(_box_sum(raw, 5) == 25, 5) > 0  # opened: specks of bright desk gone
    height, width = bright.shape
    step = max(round(EDGE_STEP * CORNER_SIDE), 2)
    lines: list[tuple[float, float] | None] = []
    # Each side as seen from outside: the rows (columns) of the copy turned so that the side is on the left.
    for view, mask, print_ in ((pixels, bright, raw), (pixels.T, bright.T, raw.T)):
        lines += [
            _side(view, mask, print_, step, False),
            _side(view[:, ::-1], mask[:, ::-1], print_[:, ::-1], step, True),
        ]
    left, right, top, bottom = lines
    if sum(line is not None for line in lines) < EDGE_SIDES:
        return None
    # A side not found is the frame's own edge: x = a*y + b for the left and right sides, y = a*x + b for the rest.
    left_line = left or (0.0, 0.0)
    right_line = right or (0.0, float(width - 1))
    top_line = top or (0.0, 0.0)
    bottom_line = bottom or (0.0, float(height - 1))
    corners = []
    for (a, b), (c, d) in (
        (left_line, top_line),
        (right_line, top_line),
        (right_line, bottom_line),
        (left_line, bottom_line),
    ):
        x = (a * d + b) / (1 - a * c)
        corners.append((x / scale, (c * x + d) / scale))
    tl, tr, br, bl = corners
    seen = (_length(tl, tr) + _length(bl, br)) / 2
    tall = (_length(tl, bl) + _length(tr, br)) / 2
    if seen * tall < EDGE_AREA * image.width * image.height or not 0.5 <= seen / max(tall, 1.0) <= 2.0:
        return None
    return tl, tr, br, bl


def _side(view: np.ndarray, mask: np.ndarray, raw: np.ndarray, step: int, flip: bool) -> tuple[float, float] | None:
    """The line ``x = a*y + b`` (in the unturned copy's pixels) of a sheet's side seen from the left of ``view``:
    in each row the first paper pixel, kept where the desk just outside is dark and the paper just inside
    bright (a step, not a shadow's slope); a straight line through most of them. None when too few rows
    show such a step on one line, or when what lies outside it holds print (``raw``, the bright pixels before
    the mask was opened: light letters on a dark banner or sidebar printed at the sheet's edge)."""
    rows, width = mask.shape
    first = np.argmax(mask, axis=1)
    has = mask.any(axis=1) & (first >= 2) & (first < width // 3)  # some desk outside, the sheet wide
    ys = np.flatnonzero(has)
    if ys.size < EDGE_ROWS * rows:
        return None
    xs = first[ys]
    before = np.cumsum(raw[ys], axis=1, dtype=np.int32)[np.arange(ys.size), xs - 1]
    if float(before.sum()) > EDGE_CLEAN * float(xs.sum()):
        return None
    outside = view[ys, np.maximum(xs - step, 0)]  # every pixel outside the first paper pixel is desk
    inside = view[ys, np.minimum(xs + step, width - 1)]
    keep = outside < EDGE_DARK * inside
    ys, xs = ys[keep], xs[keep].astype(np.float64)
    if ys.size < EDGE_ROWS * rows:
        return None
    near = np.ones(ys.size, dtype=bool)
    for _ in range(3):  # least squares, dropping the points off the line (a corner's other side, a speck)
        if near.sum() < 2:
            return None
        a, b = np.polyfit(ys[near], xs[near], 1)
        near = np.abs(xs - (a * ys + b)) <= max(EDGE_FIT * CORNER_SIDE, 2.0)
    if near.sum() < EDGE_ROWS * rows or abs(a) > EDGE_SLANT:
        return None
    if flip:  # seen from the right (or the bottom): back to the unturned copy's columns (rows)
        a, b = -a, width - 1 - b
    return float(a), float(b)


def _length(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(np.hypot(a[0] - b[0], a[1] - b[1]))


def _otsu(pixels: np.ndarray) -> int:
    """The grey level that best splits ``pixels`` in two (Otsu's method)."""
    counts = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(counts)
    mean = np.cumsum(counts * levels)
    total, grand = weight[-1], mean[-1]
    between = (grand * weight - total * mean) ** 2 / np.maximum(weight * (total - weight), 1.0)
    return int(np.argmax(between))


def unwarp(image: Image.Image, corners: Corners, short: int | None = None) -> Image.Image:
    """The sheet inside ``corners`` straightened into a rectangle (a photo taken at a slant), its shorter
    side ``short`` pixels if given (at least as long as photographed; a sheet photographed sideways has its
    short side up and down), its sides in proportion."""
    tl, tr, br, bl = corners
    seen = (_length(tl, tr) + _length(bl, br)) / 2
    tall = (_length(tl, bl) + _length(tr, br)) / 2
    zoom = max(short / min(seen, tall), 1.0) if short else 1.0
    width = round(seen * zoom)
    height = round(tall * zoom)
    target = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    rows, values = [], []
    for (x, y), (u, v) in zip(target, corners, strict=True):  # output pixel (x, y) shows input pixel (u, v)
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values += [u, v]
    coeffs = np.linalg.solve(np.array(rows, dtype=float), np.array(values, dtype=float))
    return image.transform(
        (width, height), Image.Transform.PERSPECTIVE, tuple(float(c) for c in coeffs), Image.Resampling.BICUBIC
    )


def flatten_light(image: Image.Image) -> Image.Image:
    """Even out uneven lighting: divide by the page's background brightness, estimated coarsely."""
    small = image.resize((max(image.width // 16, 1), max(image.height // 16, 1)), Image.Resampling.BILINEAR)
    background = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(3))
    light = np.asarray(background.resize(image.size, Image.Resampling.BILINEAR), dtype=np.float32)
    pixels = np.asarray(image, dtype=np.float32)
    flat = np.clip(pixels / np.maximum(light, 1.0) * 245.0, 0, 255)
    return Image.fromarray(flat.astype(np.uint8), "L")


def _paper(image: Image.Image) -> int:
    """The background grey of a page (its brightest common level)."""
    histogram = image.histogram()
    return max(range(128, 256), key=lambda level: histogram[level])


def _profile_score(ink: Image.Image, angle: float) -> float:
    turned = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0), dtype=np.float32)
    return float(np.var(turned.sum(axis=1)))


def skew_angle(image: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that levels the text lines.

    Text lines give the row sums of an ink mask sharp peaks when level; the
    angle whose rotation maximises their variance wins (coarse, then fine).
    """
    scale = SKEW_WIDTH / image.width
    small = image.resize((SKEW_WIDTH, max(round(image.height * scale), 1)), Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.uint8)
    threshold = min(int(pixels.mean()) - 40, 160)
    ink = Image.fromarray(((pixels < threshold) * 255).astype(np.uint8), "L")
    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 1.0), key=lambda a: _profile_score(ink, float(a)))
    fine = np.arange(best - 0.6, best + 0.61, 0.1)
    return round(float(max(fine, key=lambda a: _profile_score(ink, float(a)))), 2)


@dataclass
class OcrResult:
    """The words of a scanned page, and the sharp clean image (same geometry) to read values again from."""

    words: list[Word]
    image: Image.Image
    dpi: int
    soft: Image.Image  # the softened page the words were read from
    turn: int = 0  # degrees the sheet was turned clockwise before it was read (see :func:`source_box`)
    angle: float = 0.0  # degrees (counter-clockwise) the turned sheet was then turned by to level its lines
    # The scan as it came (pixels, resolution) and whether the sheet read is the scan itself (False: a photo's
    # sheet, cut from its desk and its perspective undone): what :func:`source_box` needs to find a part on it.
    scan: tuple[int, int] = (0, 0)
    scan_dpi: int = 0
    same_sheet: bool = True


def ocr_page(image: Image.Image, dpi: int, engine: OcrEngine) -> OcrResult:
    """Clean a scanned page and read its words, turned upright first if it was scanned or photographed
    sideways or upside down.

    Which way the lines run is measured before reading (:func:`lines_run_down`) and checked after it (a
    page read with its words taller than wide was read sideways, whatever the measure said); whether a
    page whose lines run across is upside down is asked of tesseract when the reading is poor.
    """
    image, dpi = square_pixels(grey_page(image), dpi)
    result = _ocr_page(image, dpi, engine)
    result.scan, result.scan_dpi = image.size, dpi
    return result


MARK_COLOUR = (40, 100)  # a pixel whose channels differ by more than the first (fully: the second) ...
MARK_LIGHT = 150  # ... and whose brightest channel is at least this is a coloured mark's, read as that channel
GREY_CHUNK = 1 << 18  # pixels of a colour page worked on at a time in floats by :func:`grey_page`


def grey_page(image: Image.Image) -> Image.Image:
    """A page (a photo, a colour scan) in grey for reading, its coloured marks made light: a highlighter's stroke,
    a red or blue rubber stamp, a pen's note over the print. Such a mark is bright in one channel at least, print
    (black or grey toner) is dark in all three: where a pixel is strongly coloured and bright in a channel, its
    grey is that channel's; everywhere else (grey print, paper, a photo's warm light) it is the usual grey. A
    stamp's border crossing a date read ``2026`` as ``2025``; a dark coloured bar (reverse print) stays dark.
    Colours are measured with the paper made white (its brightest common level in each channel): a yellowed
    page or a photo's warm light is read as it always was."""
    if image.mode == "L":
        return image
    if image.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr", "LAB", "HSV"):
        return image.convert("L")  # 1-bit, 16-bit grey: no colour
    colour = image.convert("RGB")
    grey = colour.convert("L")
    # Colour is judged against the paper's own: a yellowed page or a photo's warm light is no mark. It is measured
    # on every fourth pixel of every fourth row, and the page worked on a band of rows at a time: a 48 MP phone
    # photo took gigabytes in floats at once.
    thumbnail = colour.resize((max(colour.width // 4, 1), max(colour.height // 4, 1)), Image.Resampling.NEAREST)
    paper = np.percentile(np.asarray(thumbnail).reshape(-1, 3).astype(np.float32), 90, axis=0)
    scale = (255.0 / np.maximum(paper, 1.0)).astype(np.float32)
    level = np.array(grey)
    marked = False
    rows = max(1, GREY_CHUNK // max(colour.width, 1))
    for top in range(0, colour.height, rows):
        channels = np.asarray(colour.crop((0, top, colour.width, min(top + rows, colour.height))))
        balanced = np.minimum(channels.astype(np.float32) * scale, 255.0)
        high = balanced.max(axis=2)
        spread = high - balanced.min(axis=2)
        weight = np.clip((spread - MARK_COLOUR[0]) / (MARK_COLOUR[1] - MARK_COLOUR[0]), 0.0, 1.0)
        weight *= high >= MARK_LIGHT
        if not weight.any():
            continue
        marked = True
        band = level[top : top + rows].astype(np.float32)
        band += (high - band) * weight
        level[top : top + rows] = np.round(band).astype(np.uint8)
    if not marked:
        return grey
    out = Image.fromarray(level, "L")
    out.info = dict(image.info)
    return out


SQUARE_TOLERANCE = 0.1  # a scan whose recorded resolutions across and down differ by more than this share ...
SHEET_ASPECT = 1.3  # ... is stretched to square pixels when that brings it nearer a sheet's shape (letter, A4)


def square_pixels(image: Image.Image, dpi: int) -> tuple[Image.Image, int]:
    """A scan with pixels taller than wide (a fax received in standard mode: 204 by 98 dpi, half the rows of a
    fine one) or wider than tall, stretched to square pixels, and its resolution (``dpi`` across, as given):
    read as it is, its letters are squat and tesseract reads next to nothing. Only the resolutions the image
    records say so, and only when stretching makes the page more like a sheet of paper (metadata that says
    otherwise is wrong, and the image is left as it is)."""
    recorded = image.info.get("dpi")
    if not isinstance(recorded, tuple | list) or len(recorded) != 2:
        return image, dpi
    try:
        across, down = float(recorded[0]), float(recorded[1])
    except (TypeError, ValueError):
        return image, dpi
    # A resolution of 0/0 or 1/0 (Pillow: nan, inf) or an absurd one says nothing: the image is read as it is.
    if not (0 < across < 1e5 and 0 < down < 1e5) or abs(across / down - 1.0) <= SQUARE_TOLERANCE:
        return image, dpi
    ratio = across / down
    size = (image.width, round(image.height * ratio)) if ratio > 1 else (round(image.width / ratio), image.height)
    if size[0] * size[1] > NOTICE_CAPS.pixels:  # stretched, it would pass the cap every image opened is held to
        return image, dpi

    def off_sheet(width: int, height: int) -> float:
        return abs(float(np.log(height / max(width, 1) / SHEET_ASPECT)))

    if off_sheet(*size) >= off_sheet(*image.size):
        return image, dpi
    kept = image if image.mode in ("L", "RGB") else image.convert("L")  # grey for reading, colour for a filed copy
    stretched = kept.resize(size, Image.Resampling.BICUBIC)
    return stretched, dpi if ratio > 1 else round(dpi / ratio)


def _ocr_page(image: Image.Image, dpi: int, engine: OcrEngine) -> OcrResult:
    scan_dpi = dpi
    grey, dpi = sheet(image, dpi)
    if blank(grey):  # a duplex scan's empty back: nothing to read (stretched, its grain kept tesseract for minutes)
        return OcrResult([], grey, dpi, grey)
    same = grey.size == image.size and dpi == scan_dpi  # else a photographed sheet, cut from its desk
    turn = 0
    if lines_run_down(grey):  # a quarter turn makes its lines run across; which quarter, its letters tell
        turn = 270 if _upside_down(engine, grey.rotate(-90, expand=True), dpi) else 90
    first = _read(grey, dpi, turn, engine, same)
    if _sideways_words(first.words):  # the measure was wrong: read the other way (up or down: see below)
        turn = 0 if turn else 90
        first = _read(grey, dpi, turn, engine, same)
    if quality(first.words) >= UPRIGHT_QUALITY:
        return first
    soft = first.soft
    verdict = _which_way_up(engine, soft, first.dpi)
    if verdict is not None:
        more = verdict
    else:  # the band read no better either way: tesseract's own guess (no fine detail needed)
        half = soft.resize((soft.width // 2, soft.height // 2), Image.Resampling.BILINEAR)
        more = engine.orientation(half, first.dpi // 2)
    if not more:
        return first
    turned = _read(grey, dpi, (turn + more) % 360, engine, same)
    return turned if quality(turned.words) > quality(first.words) else first


BLANK_INK = 0.0001  # a page with fewer of its pixels inked than this (a few letters' worth) is blank
BLANK_STEP = 2  # pixels: inked pixels are counted on every second row and column


def blank(image: Image.Image) -> bool:
    """Whether a grey sheet holds no print: no pixel much darker than its paper (specks of dust aside)."""
    pixels = np.asarray(image)[::BLANK_STEP, ::BLANK_STEP]
    paper = float(np.percentile(pixels, 90))
    dark = pixels < paper * 0.6
    return int(np.count_nonzero(dark)) <= BLANK_INK * dark.size


BAND_INCHES = 0.9  # the band of a page read both ways up to tell which is right
UPSIDE_MARGIN = 1.5  # the band read turned over must score this much better than as it is


def _upside_down(engine: OcrEngine, image: Image.Image, dpi: int) -> bool:
    """Whether a page whose lines run across is surely upside down (see :func:`_which_way_up`)."""
    return _which_way_up(engine, image, dpi) == 180


def _which_way_up(engine: OcrEngine, image: Image.Image, dpi: int) -> int | None:
    """180 when a page whose lines run across is upside down, 0 when it is upright, None when unsure (or
    the engine reads no blocks): its most inked band of lines read as it is and turned over, both in one
    tesseract run (stacked); the way up whose words read clearly better wins."""
    block: Block | None = getattr(engine, "block", None)
    if block is None:
        return None
    scale = DIRECTION_SIDE / max(image.size)
    small = np.asarray(image.resize((max(round(image.width * scale), 1), max(round(image.height * scale), 1))))
    ink = (small < min(int(small.mean()) - 40, 160)).sum(axis=1).astype(np.float64)
    rows = max(round(BAND_INCHES * dpi * scale), 1)
    if ink.size <= rows or not ink.any():
        return None
    sums = np.convolve(ink, np.ones(rows), mode="valid")
    top = int(np.argmax(sums)) / scale
    band = image.crop((0, round(top), image.width, round(top + rows / scale)))
    gap = 40
    sheet = Image.new("L", (band.width, 2 * band.height + 3 * gap), 255)
    sheet.paste(band, (0, gap))
    sheet.paste(band.rotate(180), (0, band.height + 2 * gap))
    middle = (band.height + 1.5 * gap) * 72.0 / dpi
    scores = [0.0, 0.0]
    for word in block(sheet, dpi, ""):
        if len(word.text) >= 3 and word.conf >= GOOD_WORD_CONF:
            scores[(word.top + word.bottom) / 2 > middle] += len(word.text)
    if scores[1] > UPSIDE_MARGIN * scores[0] + 5:
        return 180
    return 0 if scores[0] > UPSIDE_MARGIN * scores[1] + 5 else None


def _read(grey: Image.Image, dpi: int, turn: int, engine: OcrEngine, same: bool) -> OcrResult:
    """The words of a grey sheet turned ``turn`` degrees clockwise, then cleaned (``same``: the sheet is the scan
    itself, not a photo's sheet cut from its desk)."""
    if turn:
        grey = grey.rotate(-turn, expand=True)
    soft, sharp, clean_dpi, angle = _finish(grey, dpi)
    words = engine.words(soft, clean_dpi)
    found = read_dropped(engine, soft, clean_dpi, words)
    if found:  # junk tesseract made of a block it then read well on its own is no word of the page
        tall = _tall(words)
        words = [word for word in words if not (_junk(word, tall) and any(_overlap(word, new) for new in found))]
    return OcrResult(words + found, sharp, clean_dpi, soft, turn, angle, same_sheet=same)


JUNK_CONF = 30.0  # a word read with less confidence than this ...
JUNK_TALL = (
    1.5  # ... as tall as this many of the page's lines, or with no three letters or digits in a row, is junk ...
)
SHORT_JUNK = (50.0, 3)  # ... and so is a word this short read with less than this (a small label misread: ``its``)
_LETTERS = re.compile(r"[^\W_]{3}")


def _junk(word: Word, tall: float) -> bool:
    """Whether tesseract's word is junk whose print may read better on its own: two lines of a block read as
    one word, or a short label misread (a word read weakly is a word read poorly, and stays: OCR doubt makes
    its value a candidate)."""
    if word.conf < SHORT_JUNK[0] and len(word.text) <= SHORT_JUNK[1]:
        return True
    return word.conf < JUNK_CONF and (word.bottom - word.top > tall or not _LETTERS.search(word.text))


def _tall(words: list[Word]) -> float:
    """The height (points) above which a word spans more than one line: JUNK_TALL times the median word's."""
    heights = sorted(word.bottom - word.top for word in words)
    return JUNK_TALL * heights[len(heights) // 2] if heights else 0.0


def _overlap(a: Word, b: Word) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


DROPPED_DPI = 50  # the print no word covers is looked for on a copy of this resolution
DROPPED_MARGIN = 0.06  # inches around each word read that count as covered by it
DROPPED_GAP = (0.2, 0.6)  # inches: uncovered print this near (down, across) is one block
DROPPED_SIZE = (0.1, 0.5)  # inches: a block at least this tall and wide (a line of a label or a value) ...
DROPPED_INK = 0.04  # ... with at least this share of it inked (a stray mark or a specked margin is none) ...
DROPPED_BLOCKS = 4  # ... is read again; at most this many, the largest first, stacked for one tesseract run
# A short label on its own (``AT:`` over a time in a framed box) is a smaller block: at least this tall and wide,
# inked like print (a speck's cluster, a fold's shadow are fainter or smaller); at most this many more.
SHORT_SIZE = (0.06, 0.1)
SHORT_INK = 0.15
SHORT_BLOCKS = 4
SHORT_ZOOM = 2  # ... read enlarged this much (a few small letters are read surely only when bigger) ...
SHORT_CONF = 50.0  # ... and kept at this mean confidence
DROPPED_CONF = 65.0  # a block read again is kept when its words' mean confidence is this (a seal reads as junk)
DROPPED_SPACE = 40  # pixels of paper between the blocks stacked


def read_dropped(engine: OcrEngine, image: Image.Image, dpi: int, words: list[Word]) -> list[Word]:
    """Words of the blocks of print that tesseract's reading of the whole page left out, read again.

    Tesseract's page layout analysis now and then drops a whole block of text (a column of facts in a shaded
    sidebar beside a letter, on a photo or a fax) that it reads well once cut out. The print no word covers
    is gathered into blocks; the largest are cut out, stacked on white paper and read in one run as uniform
    blocks of text, and the words of each block that reads as text (not a seal, a barcode or a stamp's
    junk) are added where they were on the page. A word the whole page's reading gave as junk (read with
    almost no confidence: two lines of a block in a right-hand column read as one word) covers nothing.
    """
    block: Block | None = getattr(engine, "block", None)
    if block is None:
        return []
    scale = DROPPED_DPI / dpi
    small = np.asarray(image.resize((max(round(image.width * scale), 1), max(round(image.height * scale), 1))))
    ink = small < min(int(small.mean()) - 40, 160)
    covered = np.zeros_like(ink)
    margin = DROPPED_MARGIN * DROPPED_DPI
    to_small = DROPPED_DPI / 72.0
    two_lines = _tall(words)
    for word in words:
        if _junk(word, two_lines):
            continue
        top, bottom = int(word.top * to_small - margin), int(word.bottom * to_small + margin) + 1
        left, right = int(word.x0 * to_small - margin), int(word.x1 * to_small + margin) + 1
        covered[max(top, 0) : bottom, max(left, 0) : right] = True
    left_out = ink & ~covered
    blocks: list[tuple[int, tuple[int, int, int, int]]] = []
    short: list[tuple[int, tuple[int, int, int, int]]] = []
    down, across = (round(gap * DROPPED_DPI) for gap in DROPPED_GAP)
    for top, bottom, left, right in _boxes(left_out, down, across):
        tall, wide = (bottom - top) / DROPPED_DPI, (right - left) / DROPPED_DPI
        inked = left_out[top:bottom, left:right]
        if tall >= DROPPED_SIZE[0] and wide >= DROPPED_SIZE[1] and float(inked.mean()) >= DROPPED_INK:
            blocks.append((int(inked.sum()), (top, bottom, left, right)))
        elif tall >= SHORT_SIZE[0] and wide >= SHORT_SIZE[1] and float(inked.mean()) >= SHORT_INK:
            short.append((int(inked.sum()), (top, bottom, left, right)))
    if not blocks and not short:
        return []
    pad = round(0.08 * DROPPED_DPI)
    pieces, places = [], []
    paper = int(np.percentile(small, 90))
    # Print already read (the edge of a line above or below the block) is painted over with paper: a cut
    # line at a piece's edge can make tesseract take the whole piece for an image and read nothing of it.
    # Only the words' own boxes: the margin counted as covered above (on the coarse copy) reaches into a value
    # set close under its label and would paint its top away.
    read_over = Image.new("L", image.size, 0)
    paint = ImageDraw.Draw(read_over)
    to_image = dpi / 72.0
    for word in words:
        if not _junk(word, two_lines):
            paint.rectangle([round(edge * to_image) for edge in (word.x0, word.top, word.x1, word.bottom)], fill=255)
    chosen = [(DROPPED_CONF, 1, box) for _, box in sorted(blocks, reverse=True)[:DROPPED_BLOCKS]]
    chosen += [(SHORT_CONF, SHORT_ZOOM, box) for _, box in sorted(short, reverse=True)[:SHORT_BLOCKS]]
    for _, zoom, (top, bottom, left, right) in chosen:
        area = [round(value / scale) for value in (left - pad, top - pad, right + pad, bottom + pad)]
        box = (max(area[0], 0), max(area[1], 0), min(area[2], image.width), min(area[3], image.height))
        piece = image.crop(box)
        piece.paste(paper, (0, 0, piece.width, piece.height), read_over.crop(box))
        if zoom > 1:
            piece = piece.resize((piece.width * zoom, piece.height * zoom), Image.Resampling.LANCZOS)
        pieces.append(piece)
        places.append((box[0], box[1]))
    sheet = Image.new(
        "L",
        (
            max(p.width for p in pieces) + 2 * DROPPED_SPACE,
            sum(p.height + DROPPED_SPACE for p in pieces) + DROPPED_SPACE,
        ),
        paper,
    )
    spans = []
    y = DROPPED_SPACE
    for piece in pieces:
        sheet.paste(piece, (DROPPED_SPACE, y))
        spans.append(y)
        y += piece.height + DROPPED_SPACE
    read: list[list[Word]] = [[] for _ in pieces]
    to_pixels = dpi / 72.0
    for word in block(sheet, dpi, ""):
        middle = (word.top + word.bottom) / 2 * to_pixels
        index = next((i for i, start in enumerate(spans) if start <= middle < start + pieces[i].height), None)
        if index is not None:
            read[index].append(word)
    found: list[Word] = []
    for (x, y0), start, got, (least, zoom, _) in zip(places, spans, read, chosen, strict=True):
        letters = sum(len(word.text) for word in got)
        if not letters or sum(word.conf * len(word.text) for word in got) / letters < least:
            continue
        # From the sheet (points) to the page: off the piece's corner, shrunk back, onto its place.
        left0, top0 = DROPPED_SPACE / to_pixels, start / to_pixels
        x_at, y_at = x / to_pixels, y0 / to_pixels
        for word in got:
            moved = Word(
                word.text,
                x_at + (word.x0 - left0) / zoom,
                y_at + (word.top - top0) / zoom,
                x_at + (word.x1 - left0) / zoom,
                y_at + (word.bottom - top0) / zoom,
                word.conf,
            )
            row, col = int((moved.top + moved.bottom) / 2 * to_small), int((moved.x0 + moved.x1) / 2 * to_small)
            if 0 <= row < covered.shape[0] and 0 <= col < covered.shape[1] and not covered[row, col]:
                found.append(moved)
    return found


LINES_DOWN = 1.4  # lines run down the page when its columns' profile is this much sharper than its rows'
DIRECTION_SIDE = 600  # pixels: which way the lines run is measured on a copy this long


def lines_run_down(image: Image.Image) -> bool:
    """Whether the text lines of a page run up or down it (a page scanned or photographed sideways).

    Lines of text make the ink summed along them rise and fall sharply from line to gap; summed across
    them it changes slowly. Measured both ways over a few small slants.
    """
    scale = DIRECTION_SIDE / max(image.size)
    small = image.resize((max(round(image.width * scale), 1), max(round(image.height * scale), 1)))
    pixels = np.asarray(small, dtype=np.uint8)
    ink = pixels < min(int(pixels.mean()) - 40, 160)
    rule = round(RULE_INCHES[0] * DIRECTION_SIDE / 11.0)  # the ruled lines of boxes left out: they are no text
    ink &= ~_long_runs(ink, rule) & ~_long_runs(ink.T, rule).T
    mask = Image.fromarray((ink * 255).astype(np.uint8), "L")
    across = _line_contrast(mask)
    down = _line_contrast(mask.transpose(Image.Transpose.ROTATE_90))
    return down > LINES_DOWN * across


def _line_contrast(ink: Image.Image) -> float:
    """How sharply the ink of ``ink``'s rows changes from row to row (for its best slant within a few
    degrees), for the amount of ink."""
    best = 0.0
    total = max(float(np.asarray(ink, dtype=np.float32).sum()) / 255.0, 1.0)
    for angle in (-4.0, -2.0, 0.0, 2.0, 4.0):
        turned = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0), dtype=np.float32)
        steps = np.diff(turned.sum(axis=1) / 255.0)
        best = max(best, float((steps * steps).sum()) / total)
    return best


TALL_WORDS = 0.5  # a reading whose words of three letters or more are mostly taller than wide was of a sideways page


def _sideways_words(words: list[Word]) -> bool:
    long = [word for word in words if len(word.text) >= 3]
    if len(long) < 10:
        return False
    return sum(word.bottom - word.top > word.x1 - word.x0 for word in long) > TALL_WORDS * len(long)


def crop(image: Image.Image, dpi: int, box: tuple[float, float, float, float]) -> Image.Image:
    """The part of a page image inside ``box`` (points), with a white margin."""
    scale = dpi / 72.0
    x0, top, x1, bottom = (value * scale for value in box)
    pad = (bottom - top) * 0.35
    area = (max(int(x0 - pad), 0), max(int(top - pad), 0), int(x1 + pad) + 1, int(bottom + pad) + 1)
    return ImageOps.expand(image.crop(area), border=12, fill=255)


SMALL_ZOOM = 3  # small text read again is enlarged this much ...
SMALL_PAD = 0.05  # ... cut this tight above and below (a share of its height: the value over a label stays out)
SMALL_GAP = 40  # pixels of paper between the pieces stacked for one reading


Block = Callable[[Image.Image, int, str], list[Word]]


def read_small(
    block: Block, image: Image.Image, dpi: int, boxes: list[tuple[float, float, float, float]], chars: str
) -> list[str]:
    """The text in each box (points) of a page image, read again in one OCR run (``block``: a reader of a
    block of lines, :meth:`Tesseract.block`): each piece cut tight, enlarged and stacked under the others
    on white paper (one tesseract start instead of one a box), limited to ``chars``."""
    if not boxes:
        return []
    scale = dpi / 72.0
    pieces = []
    for x0, top, x1, bottom in boxes:
        pad = (bottom - top) * scale * SMALL_PAD
        area = (
            max(int(x0 * scale) - 6, 0),
            max(int(top * scale - pad), 0),
            int(x1 * scale) + 7,
            int(bottom * scale + pad) + 1,
        )
        piece = image.crop(area)
        pieces.append(piece.resize((piece.width * SMALL_ZOOM, piece.height * SMALL_ZOOM), Image.Resampling.LANCZOS))
    width = max(piece.width for piece in pieces) + 2 * SMALL_GAP
    height = sum(piece.height + SMALL_GAP for piece in pieces) + SMALL_GAP
    sheet = Image.new("L", (width, height), 255)
    spans = []
    y = SMALL_GAP
    for piece in pieces:
        sheet.paste(piece, (SMALL_GAP, y))
        spans.append((y, y + piece.height))
        y += piece.height + SMALL_GAP
    words = block(sheet, dpi * SMALL_ZOOM, chars)
    texts: list[list[Word]] = [[] for _ in boxes]
    to_pixels = dpi * SMALL_ZOOM / 72.0
    for word in words:
        middle = (word.top + word.bottom) / 2 * to_pixels
        for index, (start, end) in enumerate(spans):
            if start <= middle <= end:
                texts[index].append(word)
                break
    return [" ".join(word.text for word in sorted(found, key=lambda w: w.x0)) for found in texts]


def source_box(result: OcrResult, box: Box, ink: Box, reach: Box) -> Box | None:
    """Where ``box``, a part of a shared sheet (left, top, right, bottom in points on the cleaned page of the OCR
    ``result``; an open edge 0 or inf), lies on the scan itself, in its points, as a level box: the page's turn
    and its straightening (as the reading measured them: nothing is measured again) undone at all four corners.
    An edge facing another part (one inside the page) is the inner one of the tilted edge's ends, so the box reaches
    no further towards the other notice than the part does; an open edge stays open. None when the part cannot be
    cut out safely: a photo (the sheet was cut from the desk and its perspective undone: no box of it is a box of
    the photo), or a tilt so great that the level box and :data:`~docgen.notices.model.BAND_MARGIN` round it would
    not hold all of ``ink``, this part's own print. ``reach``: the box of all the sheet's print (both notices'):
    a tilted edge's inner end is taken where print can be, not at the sheet's far corners."""
    from docgen.notices.model import BAND_MARGIN

    if not result.same_sheet or not result.scan_dpi:
        return None  # a photographed sheet, cut from its desk
    turn = result.turn
    scale = 72.0 / result.scan_dpi
    across, down = result.scan
    width, height = (down * scale, across * scale) if turn in (90, 270) else (across * scale, down * scale)
    theta = np.radians(result.angle)
    cos, sin = float(np.cos(theta)), float(np.sin(theta))

    def back(x: float, y: float) -> tuple[float, float]:  # the straightening undone about the page's middle
        dx, dy = x - width / 2, y - height / 2
        x, y = width / 2 + dx * cos - dy * sin, height / 2 + dx * sin + dy * cos
        return _unturn(x, y, turn, across * scale, down * scale)

    def corners(left: float, top: float, right: float, bottom: float) -> list[tuple[float, float]]:
        return [back(x, y) for x in (left, right) for y in (top, bottom)]

    clamped = [min(max(edge, 0.0), limit) for edge, limit in zip(box, (width, height) * 2, strict=True)]
    facing = [0.0 < edge < limit for edge, limit in zip(box, (width, height) * 2, strict=True)]
    inside = [max(clamped[0], reach[0]), max(clamped[1], reach[1]), min(clamped[2], reach[2])]
    inside.append(min(clamped[3], reach[3]))
    if inside[2] <= inside[0] or inside[3] <= inside[1]:
        inside = clamped
    middle = back((inside[0] + inside[2]) / 2, (inside[1] + inside[3]) / 2)
    ends = corners(*inside)  # (left, top), (left, bottom), (right, top), (right, bottom)
    edges = [(ends[0], ends[1]), (ends[0], ends[2]), (ends[2], ends[3]), (ends[1], ends[3])]  # left, top, ...
    found: list[float] = [0.0, 0.0, float("inf"), float("inf")]
    sides: list[int] = []
    for (one, two), faces in zip(edges, facing, strict=True):
        dx, dy = (one[0] + two[0]) / 2 - middle[0], (one[1] + two[1]) / 2 - middle[1]
        side = (0 if dx < 0 else 2) if abs(dx) > abs(dy) else (1 if dy < 0 else 3)  # on the scan: left, top, ...
        if faces:
            axis = side % 2
            inner = max if side < 2 else min
            found[side] = inner(one[axis], two[axis])
            sides.append(side)
    if sides:
        points = corners(*ink)
        outer = (
            min(p[0] for p in points),
            min(p[1] for p in points),
            max(p[0] for p in points),
            max(p[1] for p in points),
        )
        for side in sides:
            if (outer[side] < found[side] - BAND_MARGIN) if side < 2 else (outer[side] > found[side] + BAND_MARGIN):
                return None  # the part's own print reaches past the level box's edge facing the other notice
    return (found[0], found[1], found[2], found[3])


def _unturn(x: float, y: float, turn: int, width: float, height: float) -> tuple[float, float]:
    """A point of a page turned ``turn`` degrees clockwise, on the page as it was (``width`` by ``height``)."""
    if turn == 90:
        return y, height - x
    if turn == 180:
        return width - x, height - y
    if turn == 270:
        return width - y, x
    return x, y
