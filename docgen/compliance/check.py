"""Audit public access files: ``docgen paf check``.

A file is checked against the rules (``docgen/data/compliance/rules.yaml``) with the facts of its
manifest, or, with ``--cases``, with the case file as it is now: documents
missing, a notice up for fewer than 10 business days or at fewer than two
locations (per place of employment), posted too early or after the filing,
a file made available later than one working day after the LCA filing, and
a file past its retention date (which may now be destroyed). One row per
case, each problem with its fix and the rule's source.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from docgen.batch.sources import iter_cases
from docgen.case.model import Lca, Posting
from docgen.compliance.dates import (
    dependent_or_violator,
    is_lca_case,
    posting_days,
    posting_end,
    required_documents,
    retention,
    unusable_dates,
)
from docgen.compliance.export import Report
from docgen.compliance.paf import MANIFEST
from docgen.compliance.rules import Rules, add_business_days, load_rules
from docgen.errors import UsageError
from docgen.fileio import safe_name

PAF_FOLDER = "paf"  # CASES/<case_id>/paf, beside the notices the mailroom files


@dataclass
class Finding:
    """One thing the audit found: a problem (to fix) or, for retention, a file that may be destroyed."""

    rule: str
    problem: str
    fix: str
    source: str
    severity: str = "problem"  # problem, destroy


@dataclass
class PafAudit:
    """The audit of one case's public access file."""

    case_id: str
    folder: Path | None
    lca_number: str | None = None
    findings: list[Finding] = field(default_factory=list)
    retention_until: dt.date | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "problem"]

    @property
    def status(self) -> str:
        if self.problems:
            return "problems"
        if any(f.severity == "destroy" for f in self.findings):
            return "may be destroyed"
        return "ok"

    def add(self, rule: str, problem: str, fix: str, source: str, severity: str = "problem") -> None:
        self.findings.append(Finding(rule, problem, fix, source, severity))


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else "?"


def read_manifest(folder: Path) -> dict[str, Any] | str:
    """The manifest of a PAF folder, or why it cannot be read."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return f"no {MANIFEST} in {folder}"
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"{path} cannot be read ({exc})"
    if not isinstance(data, dict) or str(data.get("format", "")).split("/")[0] != "docgen-paf":
        return f"{path} is not a docgen public access file manifest"
    return data


def check_documents(audit: PafAudit, folder: Path, manifest: dict[str, Any], lca: Lca, rules: Rules) -> None:
    """Every document the rules ask is in the folder."""
    listed = {d.get("id"): d for d in manifest.get("documents", []) if isinstance(d, dict)}
    for document in required_documents(rules, dependent_or_violator(lca)):
        entry = listed.get(document.id) or {}
        name = entry.get("file")
        if name and (folder / name).is_file():
            if entry.get("sha256") and _sha256(folder / name) != entry["sha256"]:
                audit.notes.append(f"{name} changed since the file was built (edited in Word?); check it")
            continue
        if document.id == "lca":
            fix = "add the certified, signed LCA: docgen paf build CASE --lca LCA.pdf -o " + str(folder)
        elif document.id == "notice_copy":
            fix = f"add a copy of the notice: docgen paf build CASE --notice-copy NOTICE.pdf -o {folder}"
        elif document.template:
            fix = (
                f"rebuild the file (docgen paf build CASE -o {folder}); the memo comes from template "
                f"{document.template}"
            )
        else:
            fix = "add it to the file"
        audit.add(document.id, f"missing: {document.title}", fix, document.source)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_notice(audit: PafAudit, lca: Lca, rules: Rules, today: dt.date) -> None:
    """Notice of the filing: 10 business days, two locations (or electronic), not too early nor after filing."""
    rule = rules.notice
    need = rule.business_days
    if not lca.postings:
        audit.add(
            "notice",
            "no notice of the LCA filing recorded",
            "record the postings in the case (job.lca.postings: location, start_date, end_date) or the "
            "electronic notice (electronic: true), and rebuild",
            rule.source,
        )
        return
    by_site: dict[str, list[Posting]] = {}
    for posting in lca.postings:
        by_site.setdefault(posting.worksite or "", []).append(posting)
    for site, postings in by_site.items():
        where = f" at {site}" if site else ""
        enough: list[Posting] = []
        for posting in postings:
            days = posting_days(posting, today)
            if posting.end_date is not None and days < need:
                how = "electronic notice" if posting.electronic else f"notice posted at {posting.location}"
                audit.add(
                    "notice",
                    f"{how} was up {days} business day(s) ({_day(posting.start_date)} to "
                    f"{_day(posting.end_date)}); {need} are required",
                    f"give the notice again for {need} business days (until at least "
                    f"{_day(posting_end(posting.start_date, rules))} had it stayed up) and record it",
                    rule.source,
                )
                continue
            if posting.end_date is None and days < need:
                audit.notes.append(
                    f"notice at {posting.location} is still up; it may come down after "
                    f"{_day(posting_end(posting.start_date, rules))}"
                )
            enough.append(posting)
        electronic = [p for p in enough if p.electronic]
        places = {p.location.strip().lower() for p in enough if not p.electronic}
        if not electronic and len(places) < rule.locations:
            audit.add(
                "notice",
                f"notice posted{where} at {len(places)} location(s) for {need} business days; at least "
                f"{rule.locations} are required (or an electronic notice)",
                f"post it at {rule.locations - len(places)} more conspicuous location(s){where} for {need} business "
                "days, or give electronic notice, and record it",
                rule.source,
            )
    if lca.filed_date:
        earliest = lca.filed_date - dt.timedelta(days=rule.earliest_before_filing_days)
        for posting in lca.postings:
            if posting.start_date > lca.filed_date:
                audit.add(
                    "notice",
                    f"notice at {posting.location} started {_day(posting.start_date)}, after the LCA was filed "
                    f"({_day(lca.filed_date)})",
                    "notice must be given on or before the filing; record the notice given before filing, or "
                    "ask counsel how to cure it",
                    rule.source,
                )
            elif posting.start_date < earliest:
                audit.add(
                    "notice",
                    f"notice at {posting.location} started {_day(posting.start_date)}, more than "
                    f"{rule.earliest_before_filing_days} days before the LCA filing ({_day(lca.filed_date)})",
                    f"post it again within {rule.earliest_before_filing_days} days before filing; check the "
                    "recorded start date",
                    rule.source,
                )


def check_availability(audit: PafAudit, lca: Lca, built: dt.date | None, rules: Rules) -> None:
    """The file was ready within one working day after the LCA filing."""
    rule = rules.availability
    if lca.filed_date is None:
        audit.add(
            "availability",
            "the LCA filing date is not recorded",
            "add job.lca.filed_date (the date the LCA was submitted to DOL) and rebuild",
            rule.source,
        )
        return
    due = add_business_days(lca.filed_date, rule.working_days)
    made = lca.paf_created_date or built
    if made is None:
        return
    if made > due:
        said = "made available" if lca.paf_created_date else "built (no job.lca.paf_created_date recorded)"
        audit.add(
            "availability",
            f"file {said} {_day(made)}, later than {_day(due)} (one working day after the LCA filing on "
            f"{_day(lca.filed_date)})",
            "keep the file available from now on and record when it was made available "
            "(job.lca.paf_created_date); for the next LCA, build the file the day it is filed",
            rule.source,
        )


def check_retention(audit: PafAudit, lca: Lca, rules: Rules, today: dt.date) -> None:
    """A file past its retention date may be destroyed."""
    until, basis = retention(lca, rules)
    audit.retention_until = until
    if until is not None and today > until:
        audit.add(
            "retention",
            f"retention ended {_day(until)} ({basis})",
            "the file may now be destroyed (or kept; nothing requires it any longer)",
            rules.retention.source,
            severity="destroy",
        )


def audit_folder(
    folder: Path, *, lca: Lca | None = None, case_id: str | None = None, today: dt.date | None = None
) -> PafAudit:
    """Audit one PAF folder, with the case's current LCA facts when given (else the manifest's)."""
    rules = load_rules()
    day = today or dt.date.today()
    folder = Path(folder)
    manifest = read_manifest(folder)
    if isinstance(manifest, str):
        audit = PafAudit(case_id or folder.name, folder)
        audit.add(
            "documents",
            f"not a public access file docgen built: {manifest}",
            f"build it: docgen paf build CASE --lca LCA.pdf --notice-copy NOTICE.pdf -o {folder}",
            rules.availability.source,
        )
        return audit
    audit = PafAudit(case_id or str(manifest.get("case_id")), folder, manifest.get("lca_number"))
    if case_id and manifest.get("case_id") != case_id:
        audit.add(
            "documents",
            f"the file in {folder} is for case {manifest.get('case_id')}",
            f"rebuild it for case {case_id}: docgen paf build CASE --lca LCA.pdf -o {folder}",
            rules.document("lca").source,
        )
        return audit
    if lca is None:
        try:
            lca = Lca.model_validate(manifest.get("facts") or {})
        except ValidationError as exc:
            audit.add(
                "documents",
                f"{MANIFEST}: the LCA facts cannot be read ({exc.errors()[0]['msg']})",
                "rebuild the file from the case",
                rules.document("lca").source,
            )
            return audit
    slips = unusable_dates(lca)
    if slips:
        for slip in slips:
            audit.add("dates", slip, "correct the date in the case and rebuild", rules.availability.source)
        return audit
    built = _iso(manifest.get("built"))
    check_documents(audit, folder, manifest, lca, rules)
    check_notice(audit, lca, rules, day)
    check_availability(audit, lca, built, rules)
    check_retention(audit, lca, rules, day)
    return audit


def _iso(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def audit_cases(cases: Path, *, today: dt.date | None = None) -> list[PafAudit]:
    """Audit the file of every H-1B case with an LCA in a folder (or sheet) of cases: CASES/<case_id>/paf."""
    rules = load_rules()
    base = Path(cases)
    if not base.exists():
        raise UsageError(f"{base}: no such folder of case files; give --cases DIR")
    out = []
    for entry in iter_cases(base):
        if entry.case is None:
            audit = PafAudit(entry.source, None)
            audit.add("case", f"case file cannot be read: {entry.error}", "correct the case file", "-")
            out.append(audit)
            continue
        case = entry.case
        if not is_lca_case(case):
            continue
        assert case.job is not None and case.job.lca is not None
        folder = (entry.folder or base) / safe_name(case.case_id) / PAF_FOLDER
        if not folder.is_dir():
            audit = PafAudit(case.case_id, None, case.job.lca_number)
            audit.add(
                "documents",
                "no public access file",
                f"build it: docgen paf build {entry.source} --lca LCA.pdf --notice-copy NOTICE.pdf -o {folder}",
                rules.availability.source,
            )
            if not unusable_dates(case.job.lca):
                check_retention(audit, case.job.lca, rules, today or dt.date.today())
            out.append(audit)
            continue
        out.append(audit_folder(folder, lca=case.job.lca, case_id=case.case_id, today=today))
    return out


AUDIT_COLUMNS = ["case_id", "lca_number", "status", "problems", "fixes", "rules", "retention_until", "folder"]


def audit_report(audits: list[PafAudit]) -> Report:
    """One row per case: its status, every finding with its fix and the rule's source."""
    report = Report("PAF check", list(AUDIT_COLUMNS))
    for audit in audits:
        findings = audit.findings
        report.rows.append(
            {
                "case_id": audit.case_id,
                "lca_number": audit.lca_number,
                "status": audit.status,
                "problems": " | ".join(f.problem for f in findings),
                "fixes": " | ".join(f.fix for f in findings),
                "rules": " | ".join(f.source for f in findings),
                "retention_until": audit.retention_until,
                "folder": str(audit.folder) if audit.folder else None,
            }
        )
        report.notes += [f"{audit.case_id}: {note}" for note in audit.notes]
    return report
