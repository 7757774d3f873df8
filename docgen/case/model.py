"""The typed model of a case: the one vocabulary maps and templates may use.

Every model forbids unknown keys, so a typo in a case file is an error with a
"did you mean" hint rather than a value that silently never reaches a form.
Dates are ISO (``1990-05-01``) or US (``05/01/1990``) in the files and
:class:`datetime.date` here. Data for one form that has no home in the shared
model goes under ``extra`` keyed by form id (``extra: {I-765: {...}}``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from docgen.case.background import questions as background_questions
from docgen.case.countries import country_name
from docgen.case.identity import EIN, SSN, ANumber, DocumentNumber, I94Number, ReceiptNo, USCISAccount

_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _parse_date(value: Any) -> Any:
    """Accept ISO dates and US mm/dd/yyyy; leave everything else to pydantic."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        text = value.strip()
        match = _US_DATE.match(text)
        if match:
            month, day, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                return text
        if text == "":
            return None
        return text
    return value


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and value.strip() == "":
        return None
    return value


_ZIP = re.compile(r"^\d{5}(?:-\d{4})?$")


def _zip_code(value: Any) -> Any:
    """A US ZIP code: 5 digits, or a ZIP+4 (``98115-2231``); a 4-digit one (a leading zero lost) or a foreign
    postcode is refused, never printed as given."""
    if isinstance(value, str) and value.strip() and not _ZIP.match(value.strip()):
        raise ValueError(
            "is not a ZIP code (5 digits, or a ZIP+4 written 98115-2231; a postcode outside the US goes in postal_code)"
        )
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_date)]
DATE_FORMS = "YYYY-MM-DD or MM/DD/YYYY"  # what a case file takes as a date (the month first)
_DATE = TypeAdapter(Date)


def read_date(text: str) -> dt.date:
    """A date written as a case file may write it (``2026-04-14``, ``04/14/2026``); ValueError otherwise: the
    one reading of a typed date, for the case files and for the corrections of a notice."""
    try:
        value = _DATE.validate_python(text.strip())
    except ValidationError:
        raise ValueError(f"is not a date (write {DATE_FORMS})") from None
    if not isinstance(value, dt.date):  # None: an empty text
        raise ValueError(f"is not a date (write {DATE_FORMS})")
    return value


def _born_by_today(value: dt.date) -> dt.date:
    """A birth date after today is a typo (1988 typed 2088), never a date to print on a form."""
    if value > dt.date.today():
        raise PydanticCustomError("birth_after_today", "is after today; check the year (a birth date is in the past)")
    return value


BirthDate = Annotated[dt.date, BeforeValidator(_parse_date), AfterValidator(_born_by_today)]


def _ends_after(first: str) -> Any:
    """A validator for the last day of a period: on or after ``first`` (a field declared before it), else a typing
    slip (years swapped in a sheet) refused naming both fields, never printed on a form or set as a deadline."""

    def check(value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get(first)
        if value is not None and isinstance(start, dt.date) and value < start:
            raise PydanticCustomError(
                "dates_out_of_order",
                "is before {first}; check both dates (a period ends on or after the day it starts)",
                {"first": first},
            )
        return value

    return check


Text = Annotated[str, BeforeValidator(_blank_to_none)]
Country = Annotated[str, BeforeValidator(country_name), BeforeValidator(_blank_to_none)]  # NO -> Norway


class Model(BaseModel):
    """Base for every case model: strict keys, whitespace stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)


class Address(Model):
    """A postal address, US or foreign."""

    in_care_of: Text | None = None
    street: Text | None = None
    unit_type: Literal["apt", "ste", "flr"] | None = None
    unit_number: Text | None = None
    city: Text | None = None
    state: Text | None = None
    zip_code: Annotated[Text | None, AfterValidator(_zip_code)] = None
    province: Text | None = None
    postal_code: Text | None = None
    country: Country | None = None
    county: Text | None = None


class Name(Model):
    """A name as a form asks for it: family, given, middle."""

    family_name: Text
    given_name: Text | None = None
    middle_name: Text | None = None


class Contact(Model):
    """A person to reach about the case."""

    family_name: Text | None = None
    given_name: Text | None = None
    title: Text | None = None
    phone: Text | None = None
    mobile: Text | None = None
    email: Text | None = None
    fax: Text | None = None


class Passport(Model):
    """Passport or travel document."""

    number: DocumentNumber
    country: Country | None = None
    issue_date: Date | None = None
    expiry_date: Annotated[Date | None, AfterValidator(_ends_after("issue_date"))] = None


class Authorization(Model):
    """A card or document with a validity period: the EAD (Form I-766) or an advance parole document."""

    number: Text | None = None
    category: Text | None = None  # e.g. (c)(26) on an EAD
    valid_from: Date | None = None
    expiry_date: Annotated[Date | None, AfterValidator(_ends_after("valid_from"))] = None


class I94(Model):
    """The I-94 arrival/departure record and the status it gives."""

    number: I94Number | None = None
    arrival_date: Date | None = None
    place_of_arrival: Text | None = None
    status_at_arrival: Text | None = None
    status: Text | None = None
    expiry_date: Annotated[Date | None, AfterValidator(_ends_after("arrival_date"))] = None
    duration_of_status: bool = False


class Degree(Model):
    """A degree held."""

    level: Text
    field: Text
    institution: Text
    country: Country | None = None
    year: int | None = None
    us_equivalent: Text | None = None
    institution_address: Address | None = None


class Experience(Model):
    """A position held before (also the employment history the I-485 and ETA-9089 ask, most recent first).

    A period without an employer is an entry too: ``kind: student`` or ``kind: unemployed``
    (the employer then reads as the form asks: "Student" or "Unemployed").
    """

    kind: Literal["employment", "student", "unemployed"] = "employment"
    employer: Text | None = None
    title: Text | None = None
    start_date: Date | None = None
    end_date: Date | None = None
    duties: Text | None = None
    address: Address | None = None
    business_type: Text | None = None
    hours_per_week: Decimal | None = Field(default=None, ge=0, le=168)
    supervisor: Text | None = None
    phone: Text | None = None

    @model_validator(mode="after")
    def _period(self) -> Experience:
        if self.kind == "employment":
            if not self.employer or not self.title:
                raise ValueError("a job needs employer and title (a period without one: kind: student or unemployed)")
        elif not self.employer:
            self.employer = self.kind.capitalize()
        return self


class Biographic(Model):
    """What a person looks like, as the I-485 and I-131 ask (Part 7 / Part 3)."""

    ethnicity: Literal["hispanic", "not_hispanic"] | None = None
    race: list[Literal["white", "asian", "black", "american_indian", "pacific_islander"]] = Field(default_factory=list)
    height_feet: int | None = Field(default=None, ge=1, le=8)
    height_inches: int | None = Field(default=None, ge=0, le=11)
    weight_pounds: int | None = Field(default=None, ge=1, le=999)
    eye_color: Literal["black", "blue", "brown", "gray", "green", "hazel", "maroon", "pink", "unknown"] | None = None
    hair_color: Literal["bald", "black", "blond", "brown", "gray", "red", "sandy", "white", "unknown"] | None = None


class Parent(Model):
    """A parent of a person (I-485 Part 4)."""

    family_name: Text | None = None
    given_name: Text | None = None
    middle_name: Text | None = None
    birth_name: Name | None = None  # name at birth, when different
    birth_date: BirthDate | None = None
    sex: Literal["M", "F", "X"] | None = None
    birth_city: Text | None = None
    birth_country: Country | None = None
    residence_city: Text | None = None  # current, if living
    residence_country: Country | None = None
    deceased: bool | None = None


class Marriage(Model):
    """A marriage: the current one (``Person.marriage``) or a prior one (``Person.prior_marriages``)."""

    spouse: Name
    spouse_a_number: ANumber | None = None
    spouse_birth_date: BirthDate | None = None
    spouse_birth_city: Text | None = None
    spouse_birth_state: Text | None = None
    spouse_birth_country: Country | None = None
    spouse_military: bool | None = None  # a current member of the U.S. armed forces or Coast Guard
    spouse_applying: bool | None = None  # files for a green card with this person
    date: Date | None = None
    city: Text | None = None
    state: Text | None = None
    country: Country | None = None
    end_date: Date | None = None
    end_city: Text | None = None
    end_state: Text | None = None
    end_country: Country | None = None
    end_reason: Literal["divorce", "death", "annulment"] | None = None


class AddressPeriod(Address):
    """An address where a person lived, and when (``date_to`` empty: still lives there)."""

    date_from: Date | None = None
    date_to: Date | None = None


class Organization(Model):
    """An organization, party, club or unit a person belonged to (I-485 Part 8 items 1-13)."""

    name: Text
    city: Text | None = None
    state: Text | None = None
    country: Country | None = None
    nature: Text | None = None
    date_from: Date | None = None
    date_to: Date | None = None


class Entry(Model):
    """An arrival in the United States (``Person.entries``, most recent first)."""

    date: Date | None = None
    city: Text | None = None
    state: Text | None = None
    manner: Literal["admitted", "paroled", "without_inspection", "other"] | None = None
    status: Text | None = None  # class of admission or parole, e.g. H-1B
    passport_number: DocumentNumber | None = None
    travel_document_number: DocumentNumber | None = None
    visa_number: Text | None = None


class StatusPeriod(Model):
    """A stretch of time in one status in the United States (``Person.status_history``): what the H-1B six-year
    limit counts (time in H and L status; days between periods are not counted)."""

    status: Text  # e.g. H-1B, H-4, L-1B
    start_date: Date
    end_date: Annotated[Date | None, AfterValidator(_ends_after("start_date"))] = None  # none: still in it


class SocialSecurity(Model):
    """The Social Security card questions the I-485 and I-765 both ask, answered once for the person."""

    card_issued: bool | None = None  # has SSA ever issued a card (an SSN in the case says yes)
    card_wanted: bool | None = None  # does the person want SSA to issue a card
    disclosure_consent: bool | None = None  # consent to disclose the form's information to SSA


class Household(Model):
    """A household as the I-485 public-charge questions ask (Part 8 items 62-65): the family's, given once
    as the case's ``household``; a person's own only when they live in another household."""

    size: int | None = Field(default=None, ge=1)
    annual_income: Decimal | None = Field(default=None, ge=0)
    assets: Decimal | None = Field(default=None, ge=0)
    liabilities: Decimal | None = Field(default=None, ge=0)


if TYPE_CHECKING:

    class Background(Model):
        """Yes/no answers keyed by the ids in ``docgen/data/background_questions.yaml``."""

else:
    Background = create_model(
        "Background",
        __base__=Model,
        __doc__="Yes/no answers keyed by the ids in docgen/data/background_questions.yaml; unanswered is None.",
        **{q.id: (bool | None, None) for q in background_questions()},
    )


class Person(Model):
    """Beneficiary, applicant or dependent."""

    id: Text | None = None
    family_name: Text
    given_name: Text
    middle_name: Text | None = None
    other_names: list[Name] = Field(default_factory=list)
    birth_date: BirthDate
    birth_city: Text | None = None
    birth_state: Text | None = None
    birth_country: Country | None = None
    citizenship: list[Country] = Field(default_factory=list)
    sex: Literal["M", "F", "X"] | None = None
    marital_status: Literal["single", "married", "divorced", "widowed", "annulled", "separated"] | None = None
    passport: Passport | None = None
    a_number: ANumber | None = None
    ssn: SSN | None = None
    ssa: SocialSecurity | None = None  # the Social Security card answers, once for every form
    uscis_account_number: USCISAccount | None = None
    i94: I94 | None = None
    current_status: Text | None = None
    employee_id: Text | None = None  # the employer's HR system id (reports)
    ead: Authorization | None = None  # employment authorization document (Form I-766)
    advance_parole: Authorization | None = None
    last_arrival_date: Date | None = None
    mailing_address: Address | None = None
    physical_address: Address | None = None
    foreign_address: Address | None = None
    phone: Text | None = None
    mobile: Text | None = None
    email: Text | None = None
    degrees: list[Degree] = Field(default_factory=list)
    experience: list[Experience] = Field(default_factory=list)
    education_level: (
        Literal[
            "none",
            "grades_1_11",
            "grade_12",
            "high_school",
            "some_college",
            "associate",
            "bachelor",
            "master",
            "professional",
            "doctorate",
        ]
        | None
    ) = None
    biographic: Biographic | None = None
    parents: list[Parent] = Field(default_factory=list)
    times_married: int | None = Field(default=None, ge=0)
    marriage: Marriage | None = None
    prior_marriages: list[Marriage] = Field(default_factory=list)
    address_history: list[AddressPeriod] = Field(default_factory=list)  # most recent (current) first
    entries: list[Entry] = Field(default_factory=list)  # most recent first
    status_history: list[StatusPeriod] = Field(default_factory=list)  # time in each status (H-1B six-year limit)
    organizations: list[Organization] = Field(default_factory=list)
    household: Household | None = None  # only for a person outside the case's household (one fact, one place)
    background: Background | None = None
    immigrating: bool | None = None  # a dependent who immigrates with the principal (I-485, I-864)
    relationship: Literal["spouse", "child", "parent", "other"] | None = None
    reads_english: bool | None = None  # reads and understands English (each form's statement; once for all)
    child_kind: Literal["biological", "step", "adopted"] | None = None  # a child: a stepchild or an adopted child
    last_permanent_residence_country: Country | None = None  # abroad, before coming to the United States
    extra: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _child_kind(self) -> Person:
        if self.child_kind is not None and self.relationship not in (None, "child"):
            raise ValueError(f"child_kind is for a child (relationship: child), not a {self.relationship}")
        return self


class Signatory(Model):
    """Who signs for the employer."""

    family_name: Text
    given_name: Text
    title: Text
    phone: Text | None = None
    email: Text | None = None


class Employer(Model):
    """The petitioner: the employing company."""

    name: Text
    dba: Text | None = None
    ein: EIN | None = None
    address: Address
    phone: Text | None = None
    email: Text | None = None
    website: Text | None = None
    contact: Contact | None = None
    signatory: Signatory | None = None
    business_type: Text | None = None
    description: Text | None = None
    year_established: int | None = None
    date_established: Date | None = None  # the full date, as the I-140 asks; gives year_established
    employees_us: int | None = Field(default=None, ge=0)
    gross_annual_income: Decimal | None = None
    net_annual_income: Decimal | None = None
    naics_code: Text | None = None
    logo: Text | None = None

    @model_validator(mode="after")
    def _year(self) -> Employer:
        if self.date_established is not None:
            if self.year_established is None:
                self.year_established = self.date_established.year
            elif self.year_established != self.date_established.year:
                raise ValueError("year_established and date_established give different years; keep date_established")
        return self


class Duty(Model):
    """One duty of the position and the share of time it takes."""

    duty: Text
    percent: int | None = Field(default=None, ge=0, le=100)


class Wage(Model):
    """The offered wage."""

    amount: Decimal = Field(gt=0)
    unit: Literal["hour", "week", "biweekly", "month", "year"] = "year"


class Posting(Model):
    """Where and when the notice of the LCA filing was given (20 CFR 655.734): a hard-copy posting or an
    electronic notice."""

    location: Text  # e.g. "2nd floor break room, 500 Market Street" or "intranet: hr.acme.example/lca"
    start_date: Date
    end_date: Date | None = None  # the day it came down (empty: still posted)
    electronic: bool = False
    worksite: Text | None = None  # which place of employment, when the LCA has several


class Lca(Model):
    """The certified Labor Condition Application (ETA-9035) behind an H-1B case and its public access file.

    The LCA case number is ``job.lca_number``; the prevailing wage and level are ``job.prevailing_wage`` and
    ``job.prevailing_wage_level``; the wage paid to the worker is ``job.wage``.
    """

    filed_date: Date | None = None  # submitted to DOL
    certified_date: Date | None = None
    valid_from: Date | None = None  # the LCA's period of employment
    valid_to: Date | None = None
    withdrawn_date: Date | None = None
    last_h1b_employment_date: Date | None = None  # the last day any H-1B worker was employed under it
    paf_created_date: Date | None = None  # when the public access file was made available
    paf_location: Text | None = None  # principal place of business or place of employment
    postings: list[Posting] = Field(default_factory=list)
    actual_wage: Wage | None = None  # what the employer pays others with similar experience and qualifications
    actual_wage_system: Text | None = None  # how the employer sets the actual wage, periodic increases included
    prevailing_wage_source: Text | None = None  # e.g. OFLC Online Wage Library, July 2026 - June 2027
    prevailing_wage_method: Text | None = None
    benefits: list[Text] = Field(default_factory=list)
    benefits_differences: Text | None = None  # how benefits differ between employees, if they do
    h1b_dependent: bool | None = None
    willful_violator: bool | None = None
    exempt_workers: list[Text] = Field(default_factory=list)  # H-1B workers exempt from the extra attestations


class Job(Model):
    """The position offered."""

    title: Text
    soc_code: Text | None = None
    soc_title: Text | None = None
    naics_code: Text | None = None
    duties: list[Duty] = Field(default_factory=list)
    minimum_requirements: Text | None = None
    wage: Wage | None = None
    prevailing_wage: Wage | None = None
    prevailing_wage_level: Text | None = None
    lca_number: Text | None = None
    lca: Lca | None = None
    hours_per_week: Decimal | None = Field(default=None, ge=0, le=168)
    full_time: bool = True
    worksites: list[Address] = Field(default_factory=list)
    start_date: Date | None = None
    end_date: Annotated[Date | None, AfterValidator(_ends_after("start_date"))] = None
    new_position: bool | None = None


class Representative(Model):
    """The attorney or accredited representative (Form G-28)."""

    family_name: Text
    given_name: Text
    middle_name: Text | None = None
    bar_number: Text | None = None
    bar_state: Text | None = None
    firm: Text | None = None
    uscis_account_number: USCISAccount | None = None
    address: Address | None = None
    phone: Text | None = None
    mobile: Text | None = None
    email: Text | None = None
    fax: Text | None = None
    g28_attached: bool = True
    logo: Text | None = None  # the firm's letterhead image (relative to the case file), never the client's


class Preparer(Model):
    """Who prepared the form, when not the applicant."""

    family_name: Text
    given_name: Text
    business_name: Text | None = None
    address: Address | None = None
    phone: Text | None = None
    mobile: Text | None = None
    email: Text | None = None
    is_attorney: bool = True


class ReceiptNumber(Model):
    """A receipt number USCIS gave this case."""

    form: Text
    number: ReceiptNo
    notice_type: Text | None = None
    notice_date: Date | None = None


# Form I-129 Part 2 item 2, "Basis for classification" (and change_of_status, which the support
# letters word apart); facts.basis of a petition for a nonimmigrant worker must be one of these.
I129_BASES = (
    "new_employment",
    "continuation",
    "change_in_employment",
    "concurrent_employment",
    "change_of_employer",
    "amended_petition",
    "change_of_status",
)
I129_CLASSIFICATION = re.compile(
    r"^(H-?1B|H-?2[AB]|H-?3|L-?1[AB]?|O-?[12]|P-?[123]S?|Q-?1|R-?1|E-?[123]|TN|CW-?1)$", re.I
)


def _i129_basis(value: Any, info: ValidationInfo) -> Any:
    """A petition for a nonimmigrant worker names one of the I-129 bases, or the letters and the form miss it."""
    classification = str(info.data.get("classification") or "")
    form = str(info.data.get("form") or "").upper().replace("-", "")
    if value is None or not (form == "I129" or I129_CLASSIFICATION.match(classification.replace(" ", ""))):
        return value
    if value not in I129_BASES:
        close = difflib.get_close_matches(str(value).replace("-", "_").replace(" ", "_").lower(), I129_BASES, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise ValueError(f"is not an I-129 basis; {hint}use one of {', '.join(I129_BASES)}")
    return value


class Facts(Model):
    """What is being asked for."""

    form: Text | None = None
    classification: Text | None = None
    basis: Annotated[Text | None, AfterValidator(_i129_basis)] = None
    requested_from: Date | None = None
    requested_to: Annotated[Date | None, AfterValidator(_ends_after("requested_from"))] = None
    premium_processing: bool = False
    amended_petition: bool = False
    priority_date: Date | None = None
    receipt_numbers: list[ReceiptNumber] = Field(default_factory=list)
    status: Text | None = None
    approved_from: Date | None = None
    approved_to: Annotated[Date | None, AfterValidator(_ends_after("approved_from"))] = None
    owner: Text | None = None  # who handles the case (reports)
    filed_date: Date | None = None
    receipt_date: Date | None = None
    decision_date: Date | None = None


class SponsorHousehold(Model):
    """Who else counts in the sponsor's household (I-864 Part 5); the people sponsored are counted from the case."""

    married: bool | None = None
    dependent_children: int | None = Field(default=None, ge=0)
    other_dependents: int | None = Field(default=None, ge=0)
    previously_sponsored: int | None = Field(default=None, ge=0)  # on an earlier I-864, now permanent residents
    same_residence_relatives: int | None = Field(default=None, ge=0)  # combining income on Form I-864A


class IncomeContributor(Model):
    """A household member whose income the sponsor counts (I-864 Part 6 items 8-19)."""

    name: Text
    relationship: Text | None = None
    income: Decimal | None = Field(default=None, ge=0)


class TaxYear(Model):
    """Total income reported on one year's federal tax return."""

    year: int
    total_income: Decimal | None = None


class Assets(Model):
    """Net cash value of assets (I-864 Part 7)."""

    savings: Decimal | None = Field(default=None, ge=0)
    real_estate: Decimal | None = Field(default=None, ge=0)
    stocks: Decimal | None = Field(default=None, ge=0)


class Sponsor(Model):
    """Who signs the Affidavit of Support (Form I-864) for the principal immigrant."""

    family_name: Text
    given_name: Text
    middle_name: Text | None = None
    basis: (
        Literal[
            "petitioner",
            "relative_petitioner",
            "owner",
            "joint_sponsor",
            "joint_sponsor_first",
            "joint_sponsor_second",
            "substitute",
        ]
        | None
    ) = None
    relationship: Text | None = None  # to the principal immigrant (Part 1 items 1.b, 1.c, 1.f)
    business_name: Text | None = None  # the petitioning business the sponsor owns 5% or more of (item 1.c)
    mailing_address: Address | None = None
    physical_address: Address | None = None
    country_of_domicile: Country | None = None
    birth_date: BirthDate | None = None
    birth_city: Text | None = None
    birth_state: Text | None = None
    birth_country: Country | None = None
    ssn: SSN | None = None
    a_number: ANumber | None = None
    uscis_account_number: USCISAccount | None = None
    status: Literal["citizen", "national", "permanent_resident"] | None = None
    military_active_duty: bool | None = None
    reads_english: bool | None = None  # the sponsor's statement (I-864 Part 8 item 1)
    phone: Text | None = None
    mobile: Text | None = None
    email: Text | None = None
    employment: Literal["employed", "self_employed", "retired", "unemployed"] | None = None
    occupation: Text | None = None
    employers: list[str] = Field(default_factory=list)
    retired_since: Date | None = None
    unemployed_since: Date | None = None
    individual_income: Decimal | None = Field(default=None, ge=0)
    household: SponsorHousehold | None = None
    income_contributors: list[IncomeContributor] = Field(default_factory=list)
    filed_tax_returns: bool | None = None  # for each of the three most recent tax years
    tax_returns: list[TaxYear] = Field(default_factory=list)  # most recent first
    assets: Assets | None = None


class Case(Model):
    """A whole case: who, for what job, represented by whom, asking for what."""

    case_id: Text
    petitioner: Employer | None = None
    beneficiary: Person
    dependents: list[Person] = Field(default_factory=list)
    job: Job | None = None
    representative: Representative | None = None
    preparer: Preparer | None = None
    facts: Facts = Field(default_factory=Facts)
    sponsor: Sponsor | None = None
    household: Household | None = None  # the family's household, once for everyone's I-485 (Part 8 items 62-65)
    extra: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @field_validator("dependents")
    @classmethod
    def _one_id_per_person(cls, dependents: list[Person], info: ValidationInfo) -> list[Person]:
        """``--for``, the notices filed to a person and the docket's deadlines tell people apart by their id: two
        people with one id (``child`` twice, ``principal`` and ``Principal``, a dependent called ``beneficiary``)
        would get each other's form, notice or deadline."""
        beneficiary = info.data.get("beneficiary")
        seen: dict[str, str] = {"beneficiary": "the beneficiary"}
        if isinstance(beneficiary, Person) and beneficiary.id:
            seen[beneficiary.id.casefold()] = "the beneficiary"
        for index, person in enumerate(dependents):
            where = f"dependents[{index}]"
            for name in filter(None, (person.id, where)):
                other = seen.get(name.casefold())
                if other is not None and other != where:
                    raise PydanticCustomError(
                        "duplicate_person_id",
                        "{where}.id {name} names {other} too; give each person an id of its own (child1, child2)",
                        {"where": where, "name": repr(person.id or name), "other": other},
                    )
                seen[name.casefold()] = where
        return dependents

    def people(self) -> list[Person]:
        """The beneficiary first, then the dependents in file order."""
        return [self.beneficiary, *self.dependents]

    def people_by_ref(self) -> list[tuple[str, Person]]:
        """Each person with the reference ``--for`` takes: the id, else ``beneficiary`` / ``dependents[N]``."""
        return [
            (person.id or ("beneficiary" if index == 0 else f"dependents[{index - 1}]"), person)
            for index, person in enumerate(self.people())
        ]

    def person(self, ref: str | None) -> Person:
        """Find a person by id, ``beneficiary`` or ``dependents[N]``; None is the beneficiary."""
        if ref in (None, "", "beneficiary"):
            return self.beneficiary
        assert ref is not None
        match = re.fullmatch(r"dependents\[(\d+)\]", ref)
        if match and int(match.group(1)) < len(self.dependents):
            return self.dependents[int(match.group(1))]
        for person in self.people():
            if person.id == ref:
                return person
        raise KeyError(ref)
