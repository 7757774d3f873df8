"""Installed from its wheel alone, outside the checkout, docgen still has its maps and letter templates.

The wheel is built from a copy of the sources and installed into a fresh
virtualenv in a temporary folder. Third-party dependencies come from the
development virtualenv through a ``.pth`` line (nothing is downloaded), but
docgen itself only from the wheel: the test checks ``docgen.__file__``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import FORMS_DIR, ROOT, SAMPLES
from .pdfcheck import reopen_values


def run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, f"{args}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Path]:
    """(the venv's bin folder, an environment without the checkout, a work folder outside it)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "docgen", source / "docgen", ignore=shutil.ignore_patterns("__pycache__"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DOCGEN_", "VIRTUAL_ENV"))}
    env["DOCGEN_FORMS_DIR"] = str(FORMS_DIR)
    dist = base / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist), str(source)], base, env)
    wheels = list(dist.glob("docgen-*.whl"))
    assert len(wheels) == 1
    venv = base / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base, env)
    python = venv / "bin" / "python"
    purelib = run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], base, env)
    # the development venv's third-party packages, after the new venv's own (docgen comes from the wheel)
    (Path(purelib.stdout.strip()) / "zz-dev-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheels[0])], base, env)
    work = base / "work"
    work.mkdir()
    return venv / "bin", env, work


def test_the_wheel_brings_its_data(installed: tuple[Path, dict[str, str], Path]) -> None:
    bin_dir, env, work = installed
    where = run([str(bin_dir / "python"), "-c", "import docgen; print(docgen.__file__)"], work, env).stdout.strip()
    assert Path(where).is_relative_to(bin_dir.parent), where
    assert not Path(where).is_relative_to(ROOT)
    letters = run([str(bin_dir / "docgen"), "letter", "list"], work, env).stdout.split()
    assert letters == [
        "employment_verification",
        "h1b_support",
        "l1a_support",
        "paf_actual_wage_system",
        "paf_benefits",
        "paf_exempt_workers",
        "paf_notice",
        "paf_prevailing_wage",
        "paf_wage_rate",
        "rfe_response",
    ]
    version = run([str(bin_dir / "docgen"), "--version"], work, env).stdout.strip()
    probe = "import docgen, importlib.metadata as m; print(docgen.__version__, m.metadata('docgen')['License-File'])"
    installed_version, licence = run([str(bin_dir / "python"), "-c", probe], work, env).stdout.split()
    assert version == f"docgen {installed_version}" and licence == "LICENSE"


def test_fill_an_i765_from_the_installed_wheel(installed: tuple[Path, dict[str, str], Path]) -> None:
    bin_dir, env, work = installed
    case = shutil.copy(SAMPLES / "cases" / "h1b-okafor.yaml", work / "case.yaml")
    run([str(bin_dir / "docgen"), "fill", "I-765", "--case", str(case), "--for", "spouse", "-o", "i765.pdf"], work, env)
    values = reopen_values((work / "i765.pdf").read_bytes())
    assert values["form1[0].Page1[0].Line1a_FamilyName[0]"] == "Okafor"


def test_render_a_letter_from_the_installed_wheel(installed: tuple[Path, dict[str, str], Path]) -> None:
    bin_dir, env, work = installed
    case = shutil.copy(SAMPLES / "cases" / "h1b-okafor.yaml", work / "okafor.yaml")
    data = shutil.copy(SAMPLES / "letters" / "h1b-okafor.yaml", work / "letters.yaml")
    docgen = str(bin_dir / "docgen")
    run([docgen, "letter", "rfe_response", "--case", str(case), "--data", str(data), "-o", "rfe.docx"], work, env)
    assert (work / "rfe.docx").read_bytes()[:2] == b"PK"
    if shutil.which("soffice") or shutil.which("libreoffice"):
        run([docgen, "letter", "rfe_response", "--case", str(case), "--data", str(data), "-o", "rfe.pdf"], work, env)
        assert (work / "rfe.pdf").read_bytes()[:5] == b"%PDF-"


def test_build_and_check_a_public_access_file_from_the_installed_wheel(
    installed: tuple[Path, dict[str, str], Path],
) -> None:
    bin_dir, env, work = installed
    cases = work / "paf-cases"
    cases.mkdir()
    case = shutil.copy(SAMPLES / "cases" / "h1b-okafor.yaml", cases / "h1b-okafor.yaml")
    lca, notice = SAMPLES / "paf" / "lca-okafor.pdf", SAMPLES / "paf" / "notice-okafor.pdf"
    folder = cases / "ACME-2026-0142" / "paf"
    docgen = str(bin_dir / "docgen")
    build = [docgen, "paf", "build", str(case), "--lca", str(lca), "--notice-copy", str(notice)]
    run([*build, "-o", str(folder), "--date", "2026-02-24"], work, env)
    checked = run([docgen, "paf", "check", "--cases", str(cases), "--today", "2026-03-10"], work, env).stdout
    assert "ACME-2026-0142" in checked and " ok " in checked
    report = run([docgen, "report", "hris", "--cases", str(cases), "--format", "csv"], work, env).stdout
    assert report.splitlines()[0].startswith("case_id,person,relationship,employee_id")
