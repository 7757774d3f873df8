"""One-off: the H-1B public access file memo templates, as first drafted in code.

    .venv/bin/python scripts/build_paf_templates.py --out-dir /tmp/originals

The DOCX files ``docgen/data/letter_templates/paf_*.docx`` are the source of
truth (specialists edit them in Word); like ``build_letter_templates.py``,
which lays them out, this script only shows how the originals were drafted
and never overwrites a file. Five memos a public access file holds (20 CFR
655.760(a)) and one for H-1B-dependent employers and willful violators;
``docgen paf build`` fills them from the case like any letter (``docgen
letter vars paf_notice`` lists what each uses). Besides the case, each memo
sees ``extra`` values docgen works out for the file: ``extra.postings`` (each
posting with ``business_days``), ``extra.available_by``,
``extra.notice_ends`` and ``extra.retention_until``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_letter_templates import EMPLOYER_CONTACT, Letter  # the script beside this one

LCA = "{{ job.lca_number }}"


def memo(key: str, title: str, subject: str) -> Letter:
    """A memorandum to the public access file on the employer's letterhead."""
    letter = Letter(key, f"Public access file: {title}", "Calibri", 11)
    letter.letterhead("{{ petitioner.name }}", "petitioner.address", EMPLOYER_CONTACT)
    letter.running_header(f"Public access file, LCA {LCA}: {title}")
    letter.p("<b>MEMORANDUM</b>")
    letter.re_block(
        [
            ("To:", "Public access file, Labor Condition Application " + LCA),
            ("From:", "{{ petitioner.name }}"),
            ("Date:", "{{ today | long_date }}"),
            ("Subject:", f"<b>{subject}</b>"),
            ("Position:", "{{ job.title }} (SOC {{ job.soc_code }}, {{ job.soc_title }})"),
            (
                "LCA period:",
                "{{ job.lca.valid_from | long_date }} to {{ job.lca.valid_to | long_date }}",
            ),
        ]
    )
    return letter


def sign(letter: Letter) -> None:
    letter.p("", "Signature")
    letter.p("{{ petitioner.signatory | name_line }}", "Signature")
    letter.p("{{ petitioner.signatory.title }}", "Signature")
    letter.p("{{ petitioner.name }}", "Signature")


def worksites_line() -> str:
    return "{% for w in job.worksites %}{{ w | address_line }}{% if not loop.last %}; {% endif %}{% endfor %}"


def build_wage_rate() -> Letter:
    letter = memo("paf_wage_rate", "wage rate", "Wage rate to be paid to the H-1B worker")
    letter.p(
        "{{ petitioner.name }} will pay {{ beneficiary | name_line }}, employed in H-1B status under this labor "
        "condition application as {{ job.title }}, a wage of <b>{{ job.wage.amount | money }} "
        "{{ job.wage.unit | pay_period }}</b> for {% if job.full_time %}full-time{% else %}part-time{% endif %} "
        "employment of {{ job.hours_per_week | number }} hours per week at " + worksites_line() + "."
    )
    letter.p(
        "This rate is at least the higher of the actual wage the employer pays to all other individuals with "
        "similar experience and qualifications for the specific employment in question "
        "({{ job.lca.actual_wage.amount | money }} {{ job.lca.actual_wage.unit | pay_period }}) and the "
        "prevailing wage for the occupation in the area of intended employment "
        "({{ job.prevailing_wage.amount | money }} {{ job.prevailing_wage.unit | pay_period }}"
        "{% if job.prevailing_wage_level %}, {{ job.prevailing_wage_level }}{% endif %})."
    )
    letter.p(
        "The wage is paid from the first day of employment under the application "
        "({{ job.start_date | long_date }}) and will be paid for nonproductive time as the regulations require. "
        "Payroll records are kept at the employer's place of business and are not part of this public file."
    )
    sign(letter)
    return letter


def build_actual_wage_system() -> Letter:
    letter = memo(
        "paf_actual_wage_system", "actual wage system", "Explanation of the system used to set the actual wage"
    )
    letter.p("{{ job.lca.actual_wage_system | paragraphs }}")
    letter.p(
        "Under this system the actual wage for the position of {{ job.title }} is "
        "<b>{{ job.lca.actual_wage.amount | money }} {{ job.lca.actual_wage.unit | pay_period }}</b>. "
        "The same system applies to U.S. workers and H-1B workers in the position, and any periodic increase "
        "it provides is given to H-1B workers on the same terms."
    )
    sign(letter)
    return letter


def build_prevailing_wage() -> Letter:
    letter = memo("paf_prevailing_wage", "prevailing wage", "Prevailing wage and its source")
    letter.p(
        "The prevailing wage for {{ job.soc_title }} (SOC {{ job.soc_code }}) in the area of intended employment "
        "(" + worksites_line() + ") is <b>{{ job.prevailing_wage.amount | money }} "
        "{{ job.prevailing_wage.unit | pay_period }}</b>{% if job.prevailing_wage_level %} "
        "({{ job.prevailing_wage_level }}){% endif %}."
    )
    letter.p("<b>Source:</b> {{ job.lca.prevailing_wage_source }}.")
    letter.optional("job.lca.prevailing_wage_method", "<b>Methodology:</b> {{ job.lca.prevailing_wage_method }}")
    letter.p(
        "This is a general description of the source and methodology; the underlying wage data are not part of "
        "this public file and will be made available to the Department of Labor on request."
    )
    sign(letter)
    return letter


def build_benefits() -> Letter:
    letter = memo("paf_benefits", "summary of benefits", "Summary of benefits offered")
    letter.p(
        "{{ petitioner.name }} offers the following benefits to U.S. workers in the occupational classification "
        "of {{ job.title }}, and offers them to H-1B workers on the same basis and under the same criteria:",
        keep=True,
    )
    letter.loop("b in job.lca.benefits", "{{ b }}")
    letter.p("{{ job.lca.benefits_differences }}")
    sign(letter)
    return letter


def build_notice() -> Letter:
    letter = memo("paf_notice", "evidence of notice", "Notice of the filing of the labor condition application")
    letter.p(
        "Notice of the filing of labor condition application " + LCA + " (filed with the Department of Labor on "
        "{{ job.lca.filed_date | long_date }}) was given to workers at the place of employment as follows:",
        keep=True,
    )
    letter.item_table(
        ("Where", "How", "From", "Until", "Business days"),
        "n in extra.postings",
        (
            "{{ n.location }}",
            "{% if n.electronic %}electronic notice{% else %}posted notice{% endif %}",
            "{{ n.start_date | long_date }}",
            "{% if n.end_date %}{{ n.end_date | long_date }}{% else %}still posted{% endif %}",
            "{{ n.business_days }}",
        ),
        (2.3, 1.1, 1.1, 1.1, 0.9),
    )
    letter.p(
        "Business days exclude weekends and U.S. federal holidays. The notice{% if extra.notice_ends %} was to "
        "stay up until at least {{ extra.notice_ends | long_date }}, the tenth business day{% endif %}. A copy of "
        "the notice as posted or sent follows this memorandum in the file."
    )
    sign(letter)
    return letter


def build_exempt_workers() -> Letter:
    letter = memo(
        "paf_exempt_workers",
        "H-1B-dependent employer or willful violator",
        "H-1B-dependent employer / willful violator: exempt H-1B workers",
    )
    letter.p(
        "{{ petitioner.name }} is {% if job.lca.h1b_dependent %}an H-1B-dependent employer{% endif %}"
        "{% if job.lca.h1b_dependent and job.lca.willful_violator %} and {% endif %}"
        "{% if job.lca.willful_violator %}an employer found to be a willful violator{% endif %}."
    )
    letter.optional(
        "job.lca.exempt_workers",
        "The following H-1B workers employed under this labor condition application are exempt H-1B "
        "nonimmigrants (wages of at least $60,000 a year or a master's or higher degree in a specialty related "
        "to the employment):",
    )
    letter.loop("w in job.lca.exempt_workers", "{{ w }}")
    letter.optional(
        "not job.lca.exempt_workers",
        "No H-1B worker employed under this application is claimed as exempt; the employer meets the "
        "additional attestations on non-displacement and recruitment of U.S. workers.",
    )
    sign(letter)
    return letter


BUILDERS = {
    "paf_wage_rate": build_wage_rate,
    "paf_actual_wage_system": build_actual_wage_system,
    "paf_prevailing_wage": build_prevailing_wage,
    "paf_benefits": build_benefits,
    "paf_notice": build_notice,
    "paf_exempt_workers": build_exempt_workers,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, required=True, help="a folder for the originals (never overwritten)")
    args = parser.parse_args(argv)
    targets = [args.out_dir / f"{name}.docx" for name in BUILDERS]
    existing = [str(path) for path in targets if path.exists()]
    if existing:
        print(f"build_paf_templates: {', '.join(existing)} already exist(s); nothing written", file=sys.stderr)
        return 1
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for path, build in zip(targets, BUILDERS.values(), strict=True):
        build().save(path)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
