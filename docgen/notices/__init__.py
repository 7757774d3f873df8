"""Read USCIS notices (Form I-797 family), text PDFs and scans, into structured data.

``parse_notice_file(path)`` returns a :class:`NoticeFileResult`: one
:class:`Notice` per notice found in the file, each field with its value,
confidence and source text. Patterns live in ``docgen/data/notices/*.yaml``.
"""

from __future__ import annotations

from docgen.notices.model import FIELDS, Notice, NoticeFileResult, Reading
from docgen.notices.parse import parse_notice_file

__all__ = ["FIELDS", "Notice", "NoticeFileResult", "Reading", "parse_notice_file"]
