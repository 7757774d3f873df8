"""The typed model of a case: the one vocabulary maps and templates may use.

Every model forbids unknown keys, so a typo in a case file is an error with a
"did you mean" hint rather than a value that silently never reaches a form.
Dates are ISO (``1990-05-01``) or US (``05/01/1990``) in the files and
:class:`datetime.date` here. Data for one form that has no home in the shared
model goes under ``extra`` keyed by form id (``extra: {I-765: {...}}``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

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


Date = Annotated[dt.date, BeforeValidator(_parse_date)]
Text = Annotated[str, BeforeValidator(_blank_to_none)]


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
    zip_code: Text | None = None
    province: Text | None = None
    postal_code: Text | None = None
    country: Text | None = None
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

    number: Text
    country: Text | None = None
    issue_date: Date | None = None
    expiry_date: Date | None = None


class I94(Model):
    """The I-94 arrival/departure record and the status it gives."""

    number: Text | None = None
    arrival_date: Date | None = None
    place_of_arrival: Text | None = None
    status_at_arrival: Text | None = None
    status: Text | None = None
    expiry_date: Date | None = None
    duration_of_status: bool = False


class Degree(Model):
    """A degree held."""

    level: Text
    field: Text
    institution: Text
    country: Text | None = None
    year: int | None = None
    us_equivalent: Text | None = None


class Experience(Model):
    """A position held before."""

    employer: Text
    title: Text
    start_date: Date | None = None
    end_date: Date | None = None
    duties: Text | None = None


class Person(Model):
    """Beneficiary, applicant or dependent."""

    id: Text | None = None
    family_name: Text
    given_name: Text
    middle_name: Text | None = None
    other_names: list[Name] = Field(default_factory=list)
    birth_date: Date
    birth_city: Text | None = None
    birth_state: Text | None = None
    birth_country: Text | None = None
    citizenship: list[str] = Field(default_factory=list)
    sex: Literal["M", "F", "X"] | None = None
    marital_status: Literal["single", "married", "divorced", "widowed", "annulled", "separated"] | None = None
    passport: Passport | None = None
    a_number: Text | None = None
    ssn: Text | None = None
    uscis_account_number: Text | None = None
    i94: I94 | None = None
    current_status: Text | None = None
    last_arrival_date: Date | None = None
    mailing_address: Address | None = None
    physical_address: Address | None = None
    foreign_address: Address | None = None
    phone: Text | None = None
    mobile: Text | None = None
    email: Text | None = None
    degrees: list[Degree] = Field(default_factory=list)
    experience: list[Experience] = Field(default_factory=list)
    relationship: Literal["spouse", "child", "parent", "other"] | None = None
    extra: dict[str, dict[str, Any]] = Field(default_factory=dict)


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
    ein: Text | None = None
    address: Address
    phone: Text | None = None
    email: Text | None = None
    website: Text | None = None
    contact: Contact | None = None
    signatory: Signatory | None = None
    business_type: Text | None = None
    description: Text | None = None
    year_established: int | None = None
    employees_us: int | None = None
    gross_annual_income: Decimal | None = None
    net_annual_income: Decimal | None = None
    naics_code: Text | None = None
    logo: Text | None = None


class Duty(Model):
    """One duty of the position and the share of time it takes."""

    duty: Text
    percent: int | None = Field(default=None, ge=0, le=100)


class Wage(Model):
    """The offered wage."""

    amount: Decimal = Field(gt=0)
    unit: Literal["hour", "week", "biweekly", "month", "year"] = "year"


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
    hours_per_week: Decimal | None = None
    full_time: bool = True
    worksites: list[Address] = Field(default_factory=list)
    start_date: Date | None = None
    end_date: Date | None = None
    new_position: bool | None = None


class Representative(Model):
    """The attorney or accredited representative (Form G-28)."""

    family_name: Text
    given_name: Text
    middle_name: Text | None = None
    bar_number: Text | None = None
    bar_state: Text | None = None
    firm: Text | None = None
    uscis_account_number: Text | None = None
    address: Address | None = None
    phone: Text | None = None
    mobile: Text | None = None
    email: Text | None = None
    fax: Text | None = None
    g28_attached: bool = True


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
    number: Text
    notice_type: Text | None = None
    notice_date: Date | None = None


class Facts(Model):
    """What is being asked for."""

    form: Text | None = None
    classification: Text | None = None
    basis: Text | None = None
    requested_from: Date | None = None
    requested_to: Date | None = None
    premium_processing: bool = False
    amended_petition: bool = False
    priority_date: Date | None = None
    receipt_numbers: list[ReceiptNumber] = Field(default_factory=list)
    status: Text | None = None


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
    extra: dict[str, dict[str, Any]] = Field(default_factory=dict)

    def people(self) -> list[Person]:
        """The beneficiary first, then the dependents in file order."""
        return [self.beneficiary, *self.dependents]

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
