"""Helpers for the packet tests: read a built packet the way a reader would (poppler, pikepdf)."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pikepdf

from .conftest import SAMPLES

PACKETS = SAMPLES / "packets"
EVIDENCE = PACKETS / "evidence"


def page_texts(pdf: Path) -> list[str]:
    """The text of every page (pdftotext, layout kept), one string per page."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def margin_text(pdf: Path, band: float = 45.0) -> list[str]:
    """Per page, the words within ``band`` points of the bottom edge (where stamps go), left to right."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        height = float(page.group(2))
        words = [
            (float(m.group(1)), m.group(3))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page.group(3))
            if float(m.group(2)) > height - band
        ]
        pages.append(" ".join(word for _x, word in sorted(words)))
    return pages


def outline(pdf_path: Path) -> list[tuple[int, str, int]]:
    """Every bookmark as (depth, title, 0-based page), in order."""
    found: list[tuple[int, str, int]] = []
    with pikepdf.open(pdf_path) as pdf:
        pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}

        def walk(items: list[pikepdf.OutlineItem], depth: int) -> None:
            for item in items:
                destination = item.destination
                assert isinstance(destination, pikepdf.Array), f"bookmark {item.title!r} has no page"
                found.append((depth, item.title, pages[destination[0].objgen]))
                walk(list(item.children), depth + 1)

        with pdf.open_outline() as tree:
            walk(list(tree.root), 0)
    return found


def sha256(path: Path) -> str:
    """The SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def image_placements(pdf: Path) -> list[dict[str, float]]:
    """Per image (pdfimages -list): its page, pixel size and effective resolution."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        bits = line.split()
        rows.append(
            {
                "page": int(bits[0]),
                "width": int(bits[3]),
                "height": int(bits[4]),
                "xppi": float(bits[12]),
                "yppi": float(bits[13]),
            }
        )
    return rows


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Every page's displayed width and height in points (pdfinfo)."""
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    sizes = []
    pattern = r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts(?: \(\w+\))?\s*\nPage\s+\d+ rot:\s+(\d+)"
    for match in re.finditer(pattern, out):
        width, height, rot = float(match.group(1)), float(match.group(2)), int(match.group(3))
        sizes.append((height, width) if rot % 180 == 90 else (width, height))
    return sizes


def write_spec(folder: Path, text: str, name: str = "packet.yaml") -> Path:
    """Write a spec (YAML text) into ``folder``; paths in it are relative to ``folder``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(spec: Path, needle: str) -> int:
    """The 1-based line of the first line of ``spec`` containing ``needle``."""
    for number, line in enumerate(spec.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {spec}")
