"""Read one notice (a group of pages) into a :class:`Notice`: kind, form, fields, checks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from docgen.notices.fields import Finder, Hit, page_factor
from docgen.notices.layout import Line, Page, Segment, print_box
from docgen.notices.model import (
    BAND_MARGIN,
    CONFLICT,
    CROP_AGREED,
    CUT,
    FIELDS,
    FREE_TEXT,
    LABELLED,
    NULL_BELOW,
    OCR_DOUBT,
    PARTY_BOX,
    PARTY_FIELDS,
    POSITION,
    TITLE,
    TRUSTED_EVIDENCE,
    WEAK_AGREED,
    WEAK_BELOW,
    Notice,
    Reading,
    candidate_for,
    doubt,
)
from docgen.notices.patterns import (
    TITLE_GUARDED,
    TITLE_NAMED,
    Form,
    Kind,
    Label,
    Patterns,
    by_text,
    folded,
    page_folded,
    search,
    title_names,
)
from docgen.notices.titles import form_by_title
from docgen.notices.values import read_date, read_name, read_receipt

SUSPECT_CONF = 0.55  # a value that fails a sense check: kept, but below the review line
UNREADABLE_PAGE = 0.5  # OCR quality under which a page cannot be trusted at all
APPOINTMENT_PARTS = ("date", "time", "location")


def notice_score(patterns: Patterns, page: Page) -> int:
    """How strongly a page looks like a USCIS notice (sum of marker weights, each counted once)."""
    score = 0
    on_page: set[int] | None = None  # the markers some segment of the page starts with
    uscis = is_uscis_letter(patterns, page)
    for number, marker in enumerate(patterns.notice_markers):
        if marker.letter and uscis:
            continue  # a salutation or closing counts against a letter from anyone but USCIS, not against USCIS's
        if marker.mail and boxed_receipt(patterns, page):
            continue  # a note written on a notice ("Thanks!") or a mail forwarding one: the notice is still one
        if marker.where == "top":
            found = any(number in segment_markers(patterns, text) for text in letterhead_texts(page))
        elif marker.where == "signature":
            lines = signature(patterns, page)
            found = any(number in segment_markers(patterns, seg.text) for line in lines for seg in line.segments)
        elif marker.segment:
            if on_page is None:
                on_page = set().union(*(segment_markers(patterns, seg.text) for _, _, seg in page.index))
            found = number in on_page
        else:
            found = bool(search(marker.regex, page.text, page_folded(page)))
        score += marker.weight if found else 0
    if patterns.title_weight and title_kinds(patterns, page)[0]:
        score += patterns.title_weight
    return score


RECEIPT_LABEL = re.compile(r"^\W*(?:CASE\W+)?RECEIPT\W*(?:NUMBER|NO\b\.?|#)\W*$", re.IGNORECASE)
BOX_LINES = 2  # lines under a label its box's value may stand on


def boxed_receipt(patterns: Patterns, page: Page) -> bool:
    """Whether ``page`` prints a receipt number in its own box: a segment that is the label alone, a valid
    receipt number the next segment on its line or under it (a notice's box; a message re-typing a notice writes
    ``Receipt Number MSC...`` as one line of text)."""
    if "boxed_receipt" not in page.memo:
        found = False
        for number, line in enumerate(page.lines):
            for place, seg in enumerate(line.segments):
                if not RECEIPT_LABEL.match(seg.text):
                    continue
                beside = line.segments[place + 1 : place + 2]
                under = [
                    other
                    for below in page.lines[number + 1 : number + 1 + BOX_LINES]
                    for other in below.segments
                    if other.x0 < seg.x1 and other.x1 > seg.x0
                ]
                if any(read_receipt(other.text.strip(), patterns.offices) for other in [*beside, *under]):
                    found = True
        page.memo["boxed_receipt"] = found
    boxed: bool = page.memo["boxed_receipt"]
    return boxed


def signature_score(patterns: Patterns, page: Page) -> int:
    """What the signature under a letter's closing on ``page`` counts (a USCIS director signing)."""
    lines = signature(patterns, page)
    return sum(
        marker.weight
        for number, marker in enumerate(patterns.notice_markers)
        if marker.where == "signature"
        and any(number in segment_markers(patterns, seg.text) for line in lines for seg in line.segments)
    )


LETTERHEAD_LINES = 8  # a letterhead is at most this many lines at the top of the page, above the date line
SIGNATURE_LINES = 6  # lines under a letter's closing that may sign it


def letterhead(page: Page) -> list[Line]:
    """The first lines of a page above its date line (a letter's sender): where a letterhead is printed.
    A page with no date line alone near its top has none."""
    if "letterhead" not in page.memo:
        lines: list[Line] = []
        for line in page.lines[: LETTERHEAD_LINES + 1]:
            if len(line.segments) == 1 and whole_date(line.segments[0].text):
                break
            lines.append(line)
        else:
            lines = _boxed_letterhead(page)  # no date line alone: perhaps a letter with a column of case facts
        page.memo["letterhead"] = lines
    head: list[Line] = page.memo["letterhead"]
    return head


def _boxed_letterhead(page: Page) -> list[Line]:
    """The letterhead of a letter whose case facts stand in a column of their own on the right, beside its sender
    and date lines (``Form: I-140``, ``Receipt Number: ...``, a name wrapping onto the date's line): the lines
    above the first line that opens, in the left half of the print, with a date and nothing else beside it there
    (whatever stands in the right half is the column's). Only the left half's lines count towards
    :data:`LETTERHEAD_LINES`. None when no such date line is found that high (a printout's header is no
    letterhead)."""
    if not page.lines:
        return []
    left = min(seg.x0 for line in page.lines for seg in line.segments)
    right = max(seg.x1 for line in page.lines for seg in line.segments)
    middle = (left + right) / 2
    lines: list[Line] = []
    counted = 0
    for line in page.lines:
        own = [seg for seg in line.segments if seg.x0 < middle]
        notes = own[1:]  # a short pen note beside the date ("cc: HR"), written on the letter after it came
        if own and own[0].x1 <= middle and whole_date(own[0].text) and all(map(_pen_note, notes)):
            return lines if counted else []
        lines.append(line)
        counted += bool(own)
        if counted > LETTERHEAD_LINES:
            return []
    return []


PEN_NOTE = 12  # characters: a note written beside a letter's date is this short


def _pen_note(seg: Segment) -> bool:
    """Whether a segment beside a letter's date line is short enough to be a hand note written there."""
    return len(seg.text.strip()) <= PEN_NOTE and len(seg.text.split()) <= 2


STACKED = 6.0  # points two letterhead lines' left edges may differ and still be one block (a seal's wrapped name)


def letterhead_texts(page: Page) -> list[str]:
    """The texts of a page's letterhead: each segment, and each block of segments stacked in a column whole
    (``U.S. Citizenship`` / ``and Immigration`` / ``Services`` beside a seal is one name)."""
    if "letterhead_texts" not in page.memo:
        texts: list[str] = []
        blocks: list[list[Segment]] = []
        for line in letterhead(page):
            for seg in line.segments:
                texts.append(seg.text)
                block = next((b for b in blocks if abs(b[-1].x0 - seg.x0) <= STACKED and b[-1] is not seg), None)
                if block is not None and seg.top - block[-1].bottom <= LABEL_GAP:
                    block.append(seg)
                else:
                    blocks.append([seg])
        texts += [" ".join(seg.text for seg in block) for block in blocks if len(block) > 1]
        page.memo["letterhead_texts"] = texts
    found: list[str] = page.memo["letterhead_texts"]
    return found


def signature(patterns: Patterns, page: Page) -> list[Line]:
    """The lines under a letter's closing (``Sincerely,``): who signs it."""
    if "signature" not in page.memo:
        page.memo["signature"] = next(
            (
                page.lines[number + 1 : number + 1 + SIGNATURE_LINES]
                for number, line in enumerate(page.lines)
                if any(patterns.closing.match(seg.text) for seg in line.segments)
            ),
            [],
        )
    lines: list[Line] = page.memo["signature"]
    return lines


_DATE_LINE = re.compile(
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|\d{1,2}[/-]\d{1,2}[/-]\d{4}"
    r"|\d{1,2}-[A-Z]{3}-\d{4}|[A-Z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
)


def whole_date(text: str) -> bool:
    """Whether a segment is a date and nothing else (a letter's date line)."""
    text = text.strip()
    return bool(_DATE_LINE.fullmatch(text)) and read_date(text) is not None


TITLE_CONF = 0.97  # the kind from a title alone (no Notice Type line)
FORM_TITLE_CONF = 0.9  # the kind from the form title alone (I-797E)
UNSURE_KIND_CONF = 0.3  # titles disagree and no Notice Type line: null, for review
CONTRADICTED_KIND_CONF = 0.55  # the Notice Type line, though a title names another kind: kept, for review


def title_kinds(patterns: Patterns, page: Page) -> tuple[list[Kind], list[str]]:
    """Kinds named by a title on ``page``: a whole segment near the top that is a kind's name (on a USCIS
    letter, whose header lines push its heading down, anywhere in the upper part of the page).

    A segment that is a field label (``Receipt #``, ``Receipt Number``, ``NOTICE TYPE:``) is no title, nor
    is a bare ``Receipt`` right over a receipt number (the label, its ``#`` lost to OCR). Found once per page
    and set of patterns (the split and the reader both ask).
    """
    known = page.memo.get("title_kinds")
    if known is None or known[0] is not patterns:
        known = page.memo["title_kinds"] = (patterns, _title_kinds(patterns, page))
    found: tuple[list[Kind], list[str]] = known[1]
    return list(found[0]), list(found[1])


def _title_kinds(patterns: Patterns, page: Page) -> tuple[list[Kind], list[str]]:
    kinds: list[Kind] = []
    sources: list[str] = []
    area = patterns.letter_title_area if is_uscis_letter(patterns, page) else patterns.title_area
    for number, line in enumerate(page.lines):
        texts = [(seg, seg.text) for seg in line.segments]
        if 1 < len(line.segments) <= TITLE_WORDS:  # a heading whose words fell into segments of their own
            texts.append((line.segments[0], " ".join(seg.text for seg in line.segments)))
        for seg, text in texts:
            if seg.top - page.offset > area or not text[:1].isalpha() or not text[:1].isupper():
                continue
            for kind in title_kinds_of(patterns, text, page.text):
                if kind in kinds:
                    continue
                if patterns.label_only.match(text) or _over_receipt(patterns, page, number, seg):
                    break  # a label, not a title
                kinds.append(kind)
                sources.append(text)
    return kinds, sources


TITLE_WORDS = 8  # a heading whose words fell apart has at most this many pieces


def title_candidates(page: Page) -> list[tuple[float, str]]:
    """Texts that may be a title (top, text): each segment, and each line of several segments whole (a
    heading letter-spaced so widely that its words, or its letters, fell into segments of their own)."""
    if "titles" not in page.memo:
        found = [(seg.top, seg.text) for _, _, seg in page.index]
        found += [
            (line.top, " ".join(seg.text for seg in line.segments))
            for line in page.lines
            if 1 < len(line.segments) <= TITLE_WORDS
        ]
        page.memo["titles"] = found
    titles: list[tuple[float, str]] = page.memo["titles"]
    return titles


def is_uscis_letter(patterns: Patterns, page: Page) -> bool:
    """Whether the page opens with a USCIS letterhead (a marker found where: top)."""
    if "letter" not in page.memo:
        page.memo["letter"] = any(
            marker.regex.match(text)
            for marker in patterns.notice_markers
            if marker.where == "top" and marker.weight > 0
            for text in letterhead_texts(page)
        )
    return bool(page.memo["letter"])


def title_kinds_of(patterns: Patterns, text: str, notice_text: str = "") -> list[Kind]:
    """The kinds whose name the segment ``text`` is, whole (also letter-spaced), on a notice whose text is
    ``notice_text`` (for names that say the kind only with other words on the notice)."""
    named = by_text(patterns, "title", text, title_names)
    return [
        kind
        for kind, name in zip(patterns.kinds.values(), named, strict=True)
        if name == TITLE_NAMED or (name == TITLE_GUARDED and kind.titled(text, notice_text))
    ]


def segment_markers(patterns: Patterns, text: str) -> frozenset[int]:
    """The notice markers (by their place in ``patterns.notice_markers``) that a segment ``text`` starts with."""
    return by_text(patterns, "markers", text, _segment_markers)


def _segment_markers(patterns: Patterns, text: str) -> frozenset[int]:
    markers = enumerate(patterns.notice_markers)
    return frozenset(number for number, marker in markers if marker.segment and marker.regex.match(text))


LABEL_GAP = 22.0  # points between a label and the value under it, at most (as fields.FIRST_LINE_GAP)
LABEL_COLUMN = 14.0  # points a value under a label may start left or right of it (as fields.COLUMN_TOLERANCE)


def _over_receipt(patterns: Patterns, page: Page, number: int, seg: Segment) -> bool:
    """Whether ``seg`` is a bare ``Receipt`` labelling a receipt number: the next segment on its line holds
    one, or the line under it does in its column."""
    if not RECEIPT_WORD.match(seg.text):
        return False
    receipt = patterns.tokens["receipt"]

    def holds(other: Segment) -> bool:
        return any(read_receipt(m.group(0), patterns.offices) for m in receipt.finditer(other.text))

    beside = next((other for other in page.lines[number].segments if other.x0 > seg.x1), None)
    if beside is not None and holds(beside):
        return True
    # The receipt number under it, or over it (a layout that prints its values over their labels).
    near = []
    if number + 1 < len(page.lines) and page.lines[number + 1].top - seg.bottom <= LABEL_GAP:
        near.append(page.lines[number + 1])
    if number > 0 and seg.top - page.lines[number - 1].bottom <= LABEL_GAP:
        near.append(page.lines[number - 1])
    return any(abs(other.x0 - seg.x0) <= LABEL_COLUMN and holds(other) for line in near for other in line.segments)


RECEIPT_WORD = re.compile(r"^\W*RECEIPT\W*$", re.IGNORECASE)


def _form_title_kinds(patterns: Patterns, page: Page) -> list[Kind]:
    found = []
    for _, _, seg in page.index:
        if seg.top - page.offset > patterns.title_area:
            continue
        for kind in patterns.kinds.values():
            if kind.title_forms is not None and kind.title_forms.match(seg.text) and kind not in found:
                found.append(kind)
    return found


def classify(patterns: Patterns, pages: list[Page], type_line: Hit | None = None) -> tuple[Kind | None, Hit]:
    """The notice kind, from the Notice Type line and the title only; body sentences never decide.

    The Notice Type line decides (sure when no title contradicts it); without one a title does;
    without either, the form title (I-797E). Disagreement, or nothing at all, gives null for review.
    """
    first = pages[0]
    factor = page_factor(first)
    line_kinds: list[Kind] = []
    if type_line is not None and type_line.value:
        text = str(type_line.value)
        line_kinds = [kind for kind in patterns.kinds.values() if kind.named(text, first.text)]
    titled, sources = title_kinds(patterns, first)
    gainsaying = _gainsaying(patterns, pages)
    if len(line_kinds) == 1:
        kind = line_kinds[0]
        against = [other for other in [*titled, *gainsaying] if other is not kind]
        if against:
            # A title, or a decision sentence of the body, names another kind: the Notice Type line stands, for review.
            source = " / ".join([str(type_line.source if type_line else ""), *sources, *_said(gainsaying, pages)])
            return kind, Hit(kind.notice_type, CONTRADICTED_KIND_CONF, source, evidence=CONFLICT)
        conf = type_line.conf if type_line is not None else 0.0
        evidence = type_line.evidence if type_line is not None else LABELLED
        hit = Hit(kind.notice_type, round(max(conf, 0.99 * factor if titled else conf), 3), _src(type_line))
        return kind, replace(hit, evidence=evidence)
    if len(titled) == 1 and not line_kinds:
        if _unknown_type(patterns, type_line):
            # A Notice Type or Action line says something that names no kind: the title may be a label or a
            # heading, and the line may say what the notice is in words the reader does not know. For review.
            return None, Hit(None, UNSURE_KIND_CONF, " / ".join([str(_src(type_line)), *sources]), evidence=CONFLICT)
        if any(other is not titled[0] for other in gainsaying):
            # The body decides another kind in so many words ("The petition has been approved."): for review.
            said = " / ".join([*sources, *_said(gainsaying, pages)])
            return None, Hit(None, UNSURE_KIND_CONF, said, evidence=CONFLICT)
        return titled[0], Hit(titled[0].notice_type, round(TITLE_CONF * factor, 3), sources[0], evidence=TITLE)
    if titled or line_kinds:
        return None, Hit(None, UNSURE_KIND_CONF, " / ".join(sources) or _src(type_line), evidence=CONFLICT)
    decided = _decided(patterns, pages)
    if decided is not None:
        return decided
    by_form = _form_title_kinds(patterns, first)
    if len(by_form) == 1:
        return by_form[0], Hit(by_form[0].notice_type, round(FORM_TITLE_CONF * factor, 3), None, evidence=TITLE)
    return None, Hit(None, UNSURE_KIND_CONF if type_line is None else 0.1, _src(type_line))


def _unknown_type(patterns: Patterns, type_line: Hit | None) -> bool:
    """Whether a Notice Type line was read, surely, as words that name no kind (not another box's label, not a
    reading OCR doubted)."""
    if type_line is None or not type_line.value or type_line.conf < WEAK_BELOW:
        return False
    return not patterns.label_start.match(str(type_line.value))


DECISION_CONF = 0.93  # the kind from a decision letter's operative sentence: kept, for review


def _body(pages: list[Page]) -> str:
    """The notice's text, its lines kept (a sentence may start a line that follows one with no full stop)."""
    return "\n".join(page.text for page in pages)


def _gainsaying(patterns: Patterns, pages: list[Page]) -> list[Kind]:
    """The kinds whose operative sentence ("The above petition has been approved.") the notice's text holds
    anywhere. Such a sentence never decides the kind outside a decision heading (a receipt may quote what an
    approval would say only in a conditional, which the sentences exclude); it only gainsays a title or a Notice
    Type line that names another kind, which then goes to review."""
    body = _body(pages)
    return [kind for kind in patterns.kinds.values() if _sentence(kind, body) is not None]


def _sentence(kind: Kind, body: str) -> re.Match[str] | None:
    """The kind's decision sentence in ``body`` (at a sentence's or a line's start), if it holds one."""
    if kind.line_decision is None or (kind.cue is not None and not kind.cue.search(body)):
        return None
    return kind.line_decision.search(body)


def _said(kinds: list[Kind], pages: list[Page]) -> list[str]:
    """The sentences by which the body decides ``kinds`` (a source for review)."""
    body = _body(pages)
    found = [_sentence(kind, body) for kind in kinds]
    return [" ".join(match.group(0).split()) for match in found if match is not None]


def _decided(patterns: Patterns, pages: list[Page]) -> tuple[Kind, Hit] | None:
    """A decision letter's kind: under a whole ``DECISION`` heading on its first page, the one kind whose
    operative sentence ("The petition is denied.") follows it (on that page or the next ones). The heading
    alone, or sentences of two kinds, decide nothing."""
    page = pages[0]
    start = next((a for a, _, seg in page.index if patterns.decision_heading.fullmatch(seg.text)), None)
    if start is None:
        return None
    body = " ".join(" ".join([page.text[start:], *(other.text for other in pages[1:])]).split())
    found = [
        (kind, match) for kind in patterns.kinds.values() if kind.decision and (match := kind.decision.search(body))
    ]
    if len(found) != 1:
        return None
    kind, match = found[0]
    return kind, Hit(kind.notice_type, round(DECISION_CONF * page_factor(page), 3), match.group(0), evidence=FREE_TEXT)


def _src(hit: Hit | None) -> str | None:
    return hit.source if hit is not None else None


FORM_BOX_TITLE_CONF = 0.95  # the Case Type box's form number and title agree
FORM_TEXT_CONF = 0.8  # the form's title found in the notice text, no Case Type box read
FORM_NUMBER_ONLY_CONF = 0.55  # only a form number in the body text: kept, for review


def _first_form(forms: list[Form], text: str, pick: str) -> tuple[Form, re.Match[str]] | None:
    """The form named earliest in ``text``: by OCR-tolerant number, strict number or title; of two named from the
    same place, the longer name (``Application for Travel Document (Carrier Documentation)`` is Form I-131A's, not
    the I-131's whose title starts it)."""
    best: tuple[Form, re.Match[str]] | None = None
    lower = folded(text)
    for form in forms:
        regexes = {"number": [form.number], "strict": [form.strict_number], "title": form.titles}[pick]
        for regex in regexes:
            match = search(regex, text, lower)
            if match and (best is None or (match.start(), -match.end()) < (best[1].start(), -best[1].end())):
                best = (form, match)
    return best


def _form_in_box(patterns: Patterns, value: str) -> tuple[Form, re.Match[str]] | None:
    """The form a Case Type box's text names: by number, else by title (the same box text recurs on a batch)."""
    return _first_form(patterns.forms, value, "number") or _first_form(patterns.forms, value, "title")


def identify_form(patterns: Patterns, case_type: Hit | None, pages: list[Page]) -> tuple[Form | None, Hit]:
    """The form a notice is about: the number in its Case Type box, else its title or number in the text.

    On a scan the title counts as OCR read it (``docgen.notices.titles``): a Case Type value that is a
    form's title (or its start or end: a wrapped box's other line lost) names that form, as does such a
    title on a line of its own; a title as near to two forms names neither."""
    factor = page_factor(pages[0])
    if case_type and case_type.value:
        value = str(case_type.value)
        found = by_text(patterns, "form in box", value, _form_in_box)
        if found is not None:
            form = found[0]
            first_page = pages[0].text
            titled = any(regex.search(value) or regex.search(first_page) for regex in form.titles)
            titled = titled or bool(form.title_start and form.title_start.search(value))
            titled = titled or form.form in _titles_read(patterns, pages[0])
            numbered = bool(form.number.search(value))
            conf = max(case_type.conf, FORM_BOX_TITLE_CONF * factor) if titled and numbered else case_type.conf
            if titled and not numbered and _lost_letter(value[: found[1].start()], form.form):
                # The number OCR read without its letter (``-765``) before the form's own title: the two agree.
                conf = max(case_type.conf, FORM_BOX_TITLE_CONF * TITLE_SLIP_FACTOR * factor)
            named = replace(case_type, value=form.form, conf=round(conf, 3))
            if not numbered and _says_more(value, found[1]):
                return form, replace(named, evidence=CONFLICT)  # another form, whose title starts as this one's
            return form, named
        by_title = form_by_title(patterns.forms, value)
        if by_title is not None:
            conf = case_type.conf * (TITLE_SLIP_FACTOR if by_title.slips else 1.0)
            lead = re.match(r"[^A-Za-z]*", value)
            if lead is not None and _lost_letter(lead.group(0), by_title.form.form):
                # The number OCR read without its letter (``-765``) before the form's own title: the two agree.
                conf = max(conf, FORM_BOX_TITLE_CONF * TITLE_SLIP_FACTOR * factor)
            return by_title.form, replace(case_type, value=by_title.form.form, conf=round(conf, 3))
    text = "\n".join(page.text for page in pages)
    found = _first_form(patterns.forms, text, "title")
    if found is not None:
        source = " ".join(found[1].group(0).split())
        return found[0], Hit(found[0].form, round(FORM_TEXT_CONF * factor, 3), source, evidence=FREE_TEXT)
    read = _titles_read(patterns, pages[0])
    if len(read) == 1:
        ((form, source),) = read.values()
        conf = round(FORM_TEXT_CONF * TITLE_SLIP_FACTOR * factor, 3)
        return form, Hit(form.form, conf, source, evidence=FREE_TEXT)
    found = _first_form(patterns.forms, text, "strict")
    if found is not None:
        source = " ".join(found[1].group(0).split())
        return found[0], Hit(found[0].form, round(FORM_NUMBER_ONLY_CONF * factor, 3), source, evidence=FREE_TEXT)
    return None, Hit(None, 0.0, case_type.source if case_type else None)


# A form number in a Case Type box (``I-131A``, ``N-600K``): letters, digits, a suffix.
_FORM_NUMBER = re.compile(r"(?<![A-Z0-9])[A-Z]{1,2}-?\s?[0-9]{2,4}[A-Z]{0,2}(?![A-Z0-9])")


def _lost_letter(before: str, form: str) -> bool:
    """Whether ``before`` (what a Case Type box holds before a form's title) is that form's number with its letters
    lost to OCR (``-765``, `` 765``): the same digits and suffix, nothing else."""
    number = form.split("-", 1)[-1]
    return bool(before.strip()) and re.fullmatch(r"[\s\-.,'|]*" + re.escape(number) + r"[\s\-.,:]*", before) is not None


def _says_more(value: str, title: re.Match[str]) -> bool:
    """Whether a Case Type box that names a form only by its title says more than that title: a form number
    that is not the form's, or words after the title (``Application for Travel Document (Carrier
    Documentation)`` is Form I-131A's, whose title starts as the I-131's): then the title may be another form's
    that starts so, and the form is held for review."""
    before, after = value[: title.start()], value[title.end() :]
    return bool(_FORM_NUMBER.search(before.upper()) or re.search(r"[A-Za-z]{2}", after))


TITLE_SLIP_FACTOR = 0.92  # a form known by a title OCR misread a little


def _titles_read(patterns: Patterns, page: Page) -> dict[str, tuple[Form, str]]:
    """On a scanned page, the forms (by number) whose titles, within OCR's reach, are a segment of their own."""
    if page.method != "ocr":
        return {}
    if "form_titles" not in page.memo:
        found: dict[str, tuple[Form, str]] = {}
        for _, _, segment in page.index:
            match = form_by_title(patterns.forms, segment.text)
            if match is not None:
                found.setdefault(match.form.form, (match.form, segment.text))
        page.memo["form_titles"] = found
    titles: dict[str, tuple[Form, str]] = page.memo["form_titles"]
    return titles


def read_notice(patterns: Patterns, pages: list[Page]) -> Notice:
    """Every field of the notice printed on ``pages``."""
    finder = Finder(patterns)
    hits: dict[str, Hit] = {}
    _labelled(finder, pages, patterns.labels, hits)
    kind, kind_hit = classify(patterns, pages, hits.get("notice_type_text"))
    # A notice of no known kind (an interview letter) is read for what any kind's labels name (its appointment).
    _labelled(
        finder, pages, kind.labels if kind else [lab for known in patterns.kinds.values() for lab in known.labels], hits
    )
    _a_number_from_party(hits)
    _a_read_as_four(hits, pages)
    regexes = [*patterns.patterns, *(kind.patterns if kind else [])]
    for name, hit in finder.patterned(pages, regexes, kind.patterns if kind else []).items():
        if name not in hits or hits[name].value is None:
            hits[name] = hit
        elif hit.value != hits[name].value:
            hits[name] = disagree(hits[name], hit)
    for name, head in (kind.heads if kind else {}).items():
        if name not in hits or hits[name].value is None:
            spec = next((label for label in kind.labels if label.name == name), None) if kind else None
            headed = finder.headed(pages, head, spec.type if spec else "text", spec.lines if spec else 1)
            if headed is not None:
                hits[name] = headed
    if "receipt_number" not in hits or hits["receipt_number"].value is None:
        lone = _lone_receipt(patterns, finder, pages)
        if lone is not None:
            hits["receipt_number"] = lone
    if "notice_date" not in hits:
        dated = _letter_date(finder, pages[0])
        if dated is not None:
            hits["notice_date"] = dated
    form, form_hit = identify_form(patterns, hits.get("case_type"), pages)
    hits["notice_type"] = kind_hit
    hits["form"] = form_hit
    _appointment(hits)
    readings = _readings(patterns, hits, kind, form, pages)
    _foreign_date_labels(patterns, kind, readings)
    _between_party_labels(patterns, hits, readings, pages)
    withhold_doubtful(readings)
    _sure_absent(patterns, hits, readings, pages)
    check_dates(patterns, readings)
    check_appointment_day(readings)
    _untrusted_to_null(readings, pages)
    if _two_receipts(finder, pages):
        for reading in readings.values():
            if reading.value is not None:
                reading.evidence = CONFLICT
    bands, uncut = _bands(pages)
    return Notice(
        pages=list(dict.fromkeys(page.number for page in pages)),  # a sheet's two parts are one page
        readings=readings,
        ocr=any(p.method == "ocr" for p in pages),
        bands=bands,
        uncut=uncut,
    )


def _two_receipts(finder: Finder, pages: list[Page]) -> bool:
    """Whether the pages read as one notice hold two different receipt numbers, each in a receipt label's own box:
    two notices read as one (two to a sheet, their boundary not seen), so any value may be the other's. Every
    value goes to a person (the page's other notice is not lost: the person sees the sheet)."""
    seen: set[Any] = set()
    for label in finder.patterns.labels:
        if label.name == "receipt_number":
            seen.update(hit.value for hit in finder.all_labelled(pages, label) if hit.evidence in TRUSTED_EVIDENCE)
    return len(seen) > 1


def _bands(pages: list[Page]) -> tuple[dict[int, tuple[float, float, float, float]], list[int]]:
    """The parts of shared sheets a notice has, by page number: (left, top, right, bottom) in points from the
    sheet's top-left corner; and the shared pages whose part cannot be cut out safely. A scan's part is carried
    back from the straightened page OCR read to the scanned page (:attr:`Page.to_sheet`); one that cannot be (a
    photographed sheet, a tilt too great for a level part) is filed for review with its whole sheet."""
    bands: dict[int, tuple[float, float, float, float]] = {}
    uncut: list[int] = []
    for page in pages:
        box = page.box
        if box is not None and page.method != "text":
            ink = print_box(page.lines) or box
            reach = page.memo.get(SHEET_PRINT) or ink
            box = page.to_sheet(box, ink, reach) if page.to_sheet is not None else None
            if box is None:
                uncut.append(page.number)
                continue
        elif box is not None and not _holds(box, page):
            uncut.append(page.number)  # the two notices' print overlaps: no part holds one and none of the other
            continue
        if box is None:
            continue
        left, top, right, bottom = bands.get(page.number, box)
        bands[page.number] = (min(left, box[0]), min(top, box[1]), max(right, box[2]), max(bottom, box[3]))
    uncut = list(dict.fromkeys(uncut))
    return {number: band for number, band in bands.items() if number not in uncut}, uncut


def _holds(box: tuple[float, float, float, float], page: Page) -> bool:
    """Whether a text page's part ``box`` and :data:`BAND_MARGIN` round it hold all its own print on each edge
    facing another part (one inside the sheet)."""
    ink = print_box(page.lines)
    if ink is None:
        return True
    left, top, right, bottom = box
    return (
        (left <= 0.0 or ink[0] >= left - BAND_MARGIN)
        and (top <= 0.0 or ink[1] >= top - BAND_MARGIN)
        and (right == float("inf") or ink[2] <= right + BAND_MARGIN)
        and (bottom == float("inf") or ink[3] <= bottom + BAND_MARGIN)
    )


SHEET_PRINT = "sheet_print"  # a shared sheet's part's memo: the box round the whole sheet's print (both notices')


LETTER_DATE_LINES = 16  # a letter's date line comes within this many lines of the top


def _letter_date(finder: Finder, page: Page) -> Hit | None:
    """A letter's date: a line that is a date alone near the top, above the letter's first labelled line
    (``Receipt Number:``), on a notice with no notice date label at all (a USCIS decision letter); or the date
    alone under the sender of a letter whose case facts stand in a column beside them (:func:`_boxed_date`)."""
    segment = None
    for line in page.lines[:LETTER_DATE_LINES]:
        if any(finder.patterns.label_start.match(seg.text) for seg in line.segments):
            break  # labels start before any date line: not a letter's head (unless a column of facts beside it)
        if len(line.segments) == 1 and whole_date(line.segments[0].text):
            segment = line.segments[0]
            break
    if segment is None:
        segment = _boxed_date(finder, page)
    if segment is not None:
        found = finder.read("date", segment.text.strip())
        if found is None:
            return None
        hit = finder.hit(page, found, segment.conf(), segment.text, "date", segment.box())
        return replace(hit, conf=round(hit.conf * LETTER_DATE_FACTOR, 3), evidence=POSITION)
    return None


def _boxed_date(finder: Finder, page: Page) -> Segment | None:
    """The date line of a letter whose case facts stand in a column of their own on the right, beside its sender
    and date lines (:func:`_boxed_letterhead`): the date alone in the left half of the line under the letterhead,
    whose left half holds no label (a date under a label there is that label's value)."""
    head = _boxed_letterhead(page)
    if not head or len(head) >= len(page.lines):
        return None
    line = page.lines[len(head)]
    middle = line.segments[0].x1  # the date's right end: a label left of it in a line above is the letterhead's
    if any(finder.patterns.label_start.match(seg.text) for row in head for seg in row.segments if seg.x0 < middle):
        return None
    return line.segments[0] if whole_date(line.segments[0].text) else None


LETTER_DATE_FACTOR = 0.97  # a date line alone is a little less sure than a labelled date
LONE_RECEIPT_CONF = 0.58  # the notice's one receipt number, its label unread: kept, for review


def _lone_receipt(patterns: Patterns, finder: Finder, pages: list[Page]) -> Hit | None:
    """The one well-formed receipt number printed on a notice whose label was not read (a small label a
    poor scan lost): kept below the review line. Two different ones, one needing repair, or (on a scan)
    one its box read again alone does not confirm: none."""
    found: dict[str, tuple[Page, int, int]] = {}
    for page in pages:
        for match in patterns.tokens["receipt"].finditer(page.text):
            value = read_receipt(match.group(0), patterns.offices)
            if value is None or value.repaired:
                continue
            found.setdefault(str(value.value), (page, match.start(), match.end()))
    if len(found) != 1:
        return None
    ((number, (page, start, end)),) = found.items()
    source = " ".join(page.text[start:end].split())
    if page.method == "ocr":
        segment = next((seg for a, b, seg in page.index if a <= start and end <= b), None)
        if segment is None:
            return None
        offset = next(a for a, _, seg in page.index if seg is segment)
        if page.reread is None:
            return None
        again = finder.vote(page, "receipt", segment.box(start - offset, end - offset), number, source, 0.0)
        if again.value != number or again.conf < LONE_RECEIPT_CONF:
            return None  # the crop read another number, or nothing valid
        source = again.source or source
    return Hit(number, LONE_RECEIPT_CONF, source, evidence=POSITION)


def _labelled(finder: Finder, pages: list[Page], labels: list[Label], hits: dict[str, Hit]) -> None:
    for label in labels:
        hit = finder.labelled(pages, label)
        current = hits.get(label.name)
        if hit is not None and (current is None or (current.value is None and hit.value is not None)):
            hits[label.name] = hit


def disagree(kept: Hit, other: Hit) -> Hit:
    """``kept``, held for review: another candidate for its field (a sentence against its label, a second
    reading) gives another value."""
    return replace(kept, evidence=CONFLICT, source=f"{kept.source} / {other.source}")


def _a_read_as_four(hits: dict[str, Hit], pages: list[Page]) -> None:
    """An A-Number OCR read as nine digits with no A before them, the first a 4: an A-Number of eight digits whose
    A OCR read as a 4 (``A30039078`` read ``430039078``), or one of nine printed without its A. Which, the page
    does not say: no value, both readings shown to a person (never filed as read)."""
    hit = hits.get("a_number")
    if hit is None or hit.value is None or hit.ocr_conf is None or not any(page.method == "ocr" for page in pages):
        return
    source = re.sub(r"[^0-9A-Za-z]", "", str(hit.source or ""))
    if str(hit.value).startswith("4") and source.startswith("4") and len(source) == 9:
        eight = f"0{hit.value[1:]}"
        why = f"read as {hit.value}; the first 4 may be the A of A{hit.value[1:]} ({eight})"
        shown = candidate_for(hit.value, why, None)
        hits["a_number"] = replace(hit, value=None, conf=min(hit.conf, NULL_BELOW / 2), candidate=shown)


def _a_number_from_party(hits: dict[str, Hit]) -> None:
    """An A-Number printed on the first line of a party box is the notice's A-Number, unless one is labelled;
    so is one under a bare ``File No.`` label (read only with its A)."""
    filed = hits.pop("a_number.file", None)
    current = hits.get("a_number")
    if filed is not None and (current is None or (current.value is None and filed.value is not None)):
        hits["a_number"] = filed
    party = hits.pop("a_number.party", None)
    current = hits.get("a_number")
    if party is not None and party.value is not None and (current is None or current.value is None):
        hits["a_number"] = replace(party, evidence=PARTY_BOX) if party.evidence == LABELLED else party


def _appointment(hits: dict[str, Hit]) -> None:
    parts = {part: hits.pop(f"appointment.{part}", None) for part in APPOINTMENT_PARTS}
    found = {part: hit for part, hit in parts.items() if hit is not None and hit.value is not None}
    if not found:
        return
    value = {part: (found[part].value if part in found else None) for part in APPOINTMENT_PARTS}
    conf = min((found[part].conf if part in found else 0.0) for part in APPOINTMENT_PARTS)
    sources = dict.fromkeys(str(found[part].source) for part in APPOINTMENT_PARTS if part in found)
    source = " / ".join(sources)
    # As sure as its least sure part: a part whose evidence is not trusted holds the whole for review; so do parts
    # read apart from each other (another page, or far down the page: one part is some other text's).
    weak = [hit.evidence for hit in found.values() if hit.evidence not in TRUSTED_EVIDENCE]
    others = [hit for name, hit in hits.items() if hit.value is not None and not name.startswith("appointment")]
    if not weak and not _together(list(found.values()), others):
        weak = [CONFLICT]
    if not weak and not any(ch.isdigit() for ch in str(value["location"] or "0")):
        # A place holds a figure (a street number, a ZIP code): a name or heading alone (``USCIS HARTWELL ASC``,
        # ``APPOINTMENT NOTICE``) is the start of an address whose lines were not joined, or no address at all.
        weak = [CUT]
    # A part its box's second reading confirmed (``crop agreed``) is not doubted for its page reading's weak word.
    read = [hit.ocr_conf for hit in found.values() if hit.ocr_conf is not None and hit.evidence != CROP_AGREED]
    hits["appointment"] = Hit(
        value, conf, source, evidence=weak[0] if weak else LABELLED, ocr_conf=min(read, default=None)
    )


APPOINTMENT_SPAN = 90.0  # points from an appointment part's label to another's, at most (one block of the notice)


def _together(parts: list[Hit], others: list[Hit]) -> bool:
    """Whether the parts of one value were read in one block: on one page, their labels (or a pattern's match)
    within :data:`APPOINTMENT_SPAN` of each other, and no other field's label between them (a letter head's
    ``Date:`` over the case's boxes is not the day of the appointment set out below them). A part whose place is
    not known is not held against the others."""
    places = [hit.where for hit in parts if hit.where is not None]
    if len({page for page, _ in places}) > 1:
        return False
    tops = [top for _, top in places]
    if not tops:
        return True
    first, last = min(tops), max(tops)
    page = places[0][0]
    between = any(
        hit.where is not None and hit.where[0] == page and first + BETWEEN_SLACK < hit.where[1] < last - BETWEEN_SLACK
        for hit in others
    )
    return last - first <= APPOINTMENT_SPAN and not between


BETWEEN_SLACK = 2.0  # points: a label this near a part's line is on that line (a grid of labels side by side)


def _applies(name: str, kind: Kind | None, form: Form | None, hit: Hit | None = None) -> bool:
    """Whether the notice carries field ``name``. A field its form's notices do not usually carry (a priority date
    on a premium-processing receipt) still applies when the page prints a value for it in its own label's box:
    the page says what it carries."""
    if name in ("notice_type", "form", "receipt_number"):
        return True
    if kind is not None and not kind.applies(name):
        return False
    if form is not None and name in form.not_applicable:
        return hit is not None and hit.value is not None and hit.evidence in TRUSTED_EVIDENCE
    return True


DATE_FIELDS = ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due")
# A label of a date that names its event by one word and a date word (``ACTION DT``, ``DECISION DATE``, ``STATUS
# DATE``), the last words before the date: another event's date, never a priority date (whose only label is its own).
EVENT_DATE_LABEL = re.compile(r"\b[A-Z][A-Z'.]*\W{1,3}(?:DATE|DTE?|D/T)\b\W*$", re.IGNORECASE)
FOREIGN_LABEL_CONF = 0.3  # a date read after another date's label: null, for review (its source kept)


def _foreign_date_labels(patterns: Patterns, kind: Kind | None, readings: dict[str, Reading]) -> None:
    """A date whose source prints, right before the date, another date's label (``PRIORITY DT`` left blank, the
    next box ``ACTION DT APR 03 2003`` read as its value) is that other date: the field is null, for review.
    Another field's label marks any date field so; a one-word event's date label (``ACTION DT``) marks a priority
    date, whose only label is its own (on an old notice the action date is the notice date)."""
    labels = [*patterns.labels, *(kind.labels if kind else [])]
    token = patterns.tokens["date"]
    for name in DATE_FIELDS:
        reading = readings.get(name)
        if reading is None or reading.value is None or not reading.source:
            continue
        found = list(token.finditer(reading.source))
        if len(found) != 1:
            continue  # a range (``VALID FROM x TO y``) or no date: the label before the first is not this one's
        before = reading.source[: found[0].start()].strip()
        if not before or any(_whole_label(label, before) for label in labels if label.name == name):
            continue
        other = any(label.type == "date" and _whole_label(label, before) for label in labels if label.name != name)
        if other or (name == "priority_date" and EVENT_DATE_LABEL.search(before)):
            readings[name] = Reading(None, FOREIGN_LABEL_CONF, reading.source, CONFLICT, reading.ocr_conf)


def _between_party_labels(
    patterns: Patterns, hits: dict[str, Hit], readings: dict[str, Reading], pages: list[Page]
) -> None:
    """A party's name read under its label whose next line in the column is another party's label, that label
    holding no name under it, while the column prints text over the first label: the column may print its values
    over their labels (the name is then the other party's, and the text over the label this party's). Either
    reading fits the page: the name goes to a person (``PETITIONER`` under the petitioner's name, the beneficiary's
    name under it and ``BENEFICIARY`` under that, with nothing under it)."""
    party_labels = [label for label in patterns.labels if label.name in PARTY_FIELDS]
    for name in PARTY_FIELDS:
        hit, reading = hits.get(name), readings.get(name)
        if hit is None or hit.where is None or reading is None or reading.value is None:
            continue
        if reading.evidence != LABELLED:
            continue
        page = next((page for page in pages if page.number == hit.where[0]), None)
        if page is not None and _over_other_party(party_labels, page, name, hit.where[1], str(reading.source or "")):
            reading.evidence = CONFLICT


def _over_other_party(labels: list[Label], page: Page, name: str, top: float, source: str) -> bool:
    """Whether the party label ``name`` at ``top`` on ``page`` has the value read (``source``) under it, another
    party's label under that with no name under it, and text over it (see :func:`_between_party_labels`)."""
    known = page.memo.get("party_labels")
    if known is None or known[0] != labels:  # kept with the labels it was found by
        found = [(seg, label.name) for _, _, seg in page.index for label in labels if _whole_label(label, seg.text)]
        known = page.memo["party_labels"] = (labels, found)
    party: list[tuple[Segment, str]] = known[1]
    own = next((seg for seg, label in party if label == name and abs(seg.top - top) < 1.0), None)
    if own is None:
        return False
    reach = own.bottom + (BOX_LINES + 2) * LABEL_GAP
    if not any(
        label != name and seg.x0 < own.x1 and seg.x1 > own.x0 and own.bottom <= seg.top <= reach for seg, label in party
    ):
        return False  # no other party's label under it in its column
    # The label's column: what stands over or under it, overlapping it across.
    column = sorted(
        (seg for _, _, seg in page.index if seg.x0 < own.x1 and seg.x1 > own.x0 and seg is not own),
        key=lambda seg: seg.top,
    )
    over = [seg for seg in column if seg.bottom <= own.top + 1.0]
    under = [seg for seg in column if seg.top >= own.bottom - 1.0]
    if not over or not under or own.top - over[-1].bottom > LABEL_GAP or _is_label(labels, over[-1].text):
        return False
    if not source.startswith(" ".join(under[0].text.split())):
        return False  # the value was not read from under the label
    for place, seg in enumerate(under[1 : BOX_LINES + 2], start=1):
        if any(label.name != name and _whole_label(label, seg.text) for label in labels):
            below = under[place + 1] if place + 1 < len(under) else None
            return below is None or read_name(below.text) is None or _is_label(labels, below.text)
    return False


def _is_label(labels: list[Label], text: str) -> bool:
    return any(_whole_label(label, text) for label in labels)


def _whole_label(label: Label, text: str) -> bool:
    """Whether ``text`` is ``label`` and nothing more."""
    match = label.regex.match(text)
    return match is not None and not match.group("rest").strip()


def _readings(
    patterns: Patterns, hits: dict[str, Hit], kind: Kind | None, form: Form | None, pages: list[Page]
) -> dict[str, Reading]:
    readings = {}
    missing_conf = 0.8 * min(page_factor(page) for page in pages)
    # A notice of no known kind was searched with the common labels only: a field only some kind's labels name
    # (an appointment, a response date) was never looked for, so its null is no finding (review).
    common = {label.name.partition(".")[0] for label in patterns.labels}
    for name in FIELDS:
        if kind is None and name not in common and name not in hits and name not in ("notice_type", "form"):
            readings[name] = Reading(None, 0.0, None)
            continue
        hit = hits.get(name)
        if not _applies(name, kind, form, hit):
            readings[name] = Reading.not_applicable()
        elif hit is not None and (hit.value is not None or hit.blank):
            readings[name] = Reading(hit.value, hit.conf, hit.source, hit.evidence, hit.ocr_conf)
        elif kind is not None and name in kind.required:
            readings[name] = Reading(None, 0.0, hit.source if hit else None, candidate=hit.candidate if hit else None)
        else:
            conf = 0.1 if hit else missing_conf
            readings[name] = Reading(None, conf, hit.source if hit else None, candidate=hit.candidate if hit else None)
    return readings


# Values picked from a closed list by a pattern (a kind's name, a known form's number): a doubtful character
# makes no match rather than another value, and their weakest word is often one beside the value (the form's
# title after its number), so OCR doubt does not withhold them.
CLOSED_LIST = frozenset({"notice_type", "form"})
DOUBT_CONF = 0.1  # raw score of a field withheld for OCR doubt: null, for a person (its candidate shown)


def withhold_doubtful(readings: dict[str, Reading]) -> None:
    """A value read by OCR whose weakest word tesseract was unsure of (below :data:`OCR_DOUBT`) is not
    asserted: null, the reading kept as the field's candidate. A value its box's second reading confirmed
    (``crop agreed``) stands: two readings agree; a party's name so confirmed stands for review only
    (:data:`~docgen.notices.model.WEAK_AGREED`): no format checks its letters, and the same engine reads its box as
    it read the page (``SØRENSEN`` read ``SORENSEN`` twice, at confidence 31 on the page: 13 of 14 such names right on
    the opened sets, short of the filing threshold's 99.5%)."""
    for name, reading in readings.items():
        conf = reading.ocr_conf
        if reading.value is None or conf is None or conf >= OCR_DOUBT:
            continue
        if reading.evidence == CROP_AGREED:
            if name in PARTY_FIELDS:
                reading.evidence = WEAK_AGREED
            continue
        if name in CLOSED_LIST:
            continue
        reading.candidate = candidate_for(reading.value, doubt(conf), conf)
        reading.value = None
        reading.confidence = min(reading.confidence, DOUBT_CONF)


# Fields whose values have a format of their own: on a scan, a field with no label read and no value of
# its format anywhere on the notice is absent (a missed label would still leave the value's text).
ABSENT_TOKENS = {"a_number": "anumber_trace", "i94_number": "i94", "amount": "money"}
ABSENT_CONF = 0.995  # raw score of such an absence, before the page's OCR quality lowers it


def _sure_absent(patterns: Patterns, hits: dict[str, Hit], readings: dict[str, Reading], pages: list[Page]) -> None:
    """Scanned notices: an optional field with no trace of its value is absent, not unread (no review)."""
    if not all(page.method == "ocr" for page in pages):
        return
    factor = min(page_factor(page) for page in pages)
    for name, token in ABSENT_TOKENS.items():
        reading = readings[name]
        if name in hits or reading.value is not None or reading.confidence >= 1.0 or reading.confidence < 0.5:
            continue
        if any(patterns.tokens[token].search(page.text) for page in pages):
            continue
        reading.confidence = round(max(reading.confidence, ABSENT_CONF * factor), 3)


def _date_of(readings: dict[str, Reading], name: str) -> tuple[dt.date | None, list[Reading]]:
    root, _, part = name.partition(".")
    reading = readings.get(root)
    value: Any = reading.value if reading else None
    if part:
        value = value.get(part) if isinstance(value, dict) else None
    if not isinstance(value, str) or reading is None:
        return None, []
    return dt.date.fromisoformat(value), [reading]


def check_dates(patterns: Patterns, readings: dict[str, Reading]) -> None:
    """Mark dates that make no sense: outside the plausible years, or out of order."""
    low, high = patterns.years
    for name in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
        day, found = _date_of(readings, name)
        if day is not None and not low <= day.year <= high:
            found[0].confidence = min(found[0].confidence, 0.1)
    for before, after in patterns.date_order:
        first, first_readings = _date_of(readings, before)
        second, second_readings = _date_of(readings, after)
        if first is not None and second is not None and first > second:
            for reading in first_readings + second_readings:
                reading.confidence = min(reading.confidence, SUSPECT_CONF)


# The notice's own dates: an appointment is set weeks after the notice is written, never on one of these days.
OWN_DATES = ("notice_date", "received_date", "priority_date")


def check_appointment_day(readings: dict[str, Reading]) -> None:
    """An appointment on the very day of one of the notice's own dates is that date read in the appointment's
    place (a ``Date:`` label of the letter's head taken for the appointment's): kept, below the review line."""
    appointment = readings.get("appointment")
    value = appointment.value if appointment else None
    if appointment is None or not isinstance(value, dict) or not value.get("date"):
        return
    if any((reading := readings.get(name)) is not None and reading.value == value["date"] for name in OWN_DATES):
        appointment.confidence = min(appointment.confidence, SUSPECT_CONF)
        appointment.evidence = CONFLICT


def _untrusted_to_null(readings: dict[str, Reading], pages: list[Page]) -> None:
    unreadable = all(page.method == "ocr" and page.quality < UNREADABLE_PAGE for page in pages)
    for reading in readings.values():
        if unreadable and reading.confidence < 1.0:
            reading.confidence = min(reading.confidence, 0.3)
        if reading.confidence < NULL_BELOW:
            reading.value = None
