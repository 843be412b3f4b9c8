"""The one formatter of numbers, percentages, percentage points, kroner and dates, for
Danish (da-DK) and English (en), written by the Unicode CLDR's rules through Babel.

Why one, and why CLDR: the pages, the terminal tables and the workshop all show numbers to
Danish jobcentre leaders; hand-written replacements of "," and "." disagreed with each other
(one grouped thousands, one did not, one wrote "-0"). CLDR is the published locale data
every platform uses: ``1.234,5`` and ``12,3 %`` in Danish, ``1,234.5`` and ``12.3%`` in
English, ``12,3 mio. kr.`` for large amounts. One deliberate deviation: negative numbers get
the true minus sign U+2212 (``−2,1``), as the decision pages always wrote differences;
CLDR's Danish and English data give the hyphen-minus. Babel is imported on first use, so a
command that formats nothing (``jobfirst --help``) does not pay for loading it.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import cache
from typing import TYPE_CHECKING, Final

from jobfirst_sim.words import t

if TYPE_CHECKING:
    from babel import Locale

MINUS: Final = "\u2212"
"""The minus sign of every negative number shown (CLDR's data has the hyphen-minus)."""

MISSING: Final = "–"
"""What a number that is not there (NaN, infinite) is shown as."""

_LOCALES: Final = {"da": "da_DK", "en": "en"}


@cache
def locale(lang: str) -> Locale:
    """The CLDR locale of a page language (``da`` → da-DK, ``en`` → en)."""
    from babel import Locale

    if lang not in _LOCALES:
        raise ValueError(f"language must be one of {', '.join(_LOCALES)}, not {lang!r}")
    return Locale.parse(_LOCALES[lang])


def _pattern(digits: int) -> str:
    return "#,##0" + ("." + "0" * digits if digits > 0 else "")


def _signed(text: str, negative: bool, signed: bool, zero: bool) -> str:
    """Put the sign in front: U+2212 for negatives, ``+`` when asked for and above zero."""
    body = text.lstrip("-\u2212")
    if negative and not zero:
        return MINUS + body
    return ("+" + body) if signed and not zero else body


def number(x: float, lang: str, digits: int = 1, *, signed: bool = False,
           missing: str = MISSING) -> str:
    """``x`` with ``digits`` decimals and the locale's grouping: ``1.234,5`` (da),
    ``1,234.5`` (en). ``signed`` writes ``+`` before positive numbers; a value that rounds
    to zero has no sign; NaN and infinities are ``missing``."""
    from babel.numbers import format_decimal

    x = float(x)
    if not math.isfinite(x):
        return missing
    text = format_decimal(abs(x), format=_pattern(digits), locale=locale(lang))
    return _signed(text, x < 0, signed, zero=text.strip("0.,\u00a0") == "")


def percent(share: float, lang: str, digits: int = 1, *, signed: bool = False,
            missing: str = MISSING) -> str:
    """A share (0–1) as a percentage by the locale's pattern: ``12,3 %`` (da, with a
    no-break space), ``12.3%`` (en)."""
    from babel.numbers import format_percent

    share = float(share)
    if not math.isfinite(share):
        return missing
    loc = locale(lang)
    pattern = loc.percent_formats[None].pattern.replace("#,##0", _pattern(digits), 1)
    text = format_percent(abs(share), format=pattern, locale=loc)
    zero = text.strip("0.,%\u00a0") == ""
    return _signed(text, share < 0, signed, zero)


def points(diff: float, lang: str, digits: int = 1, *, signed: bool = True,
           unit: bool = True, missing: str = MISSING) -> str:
    """A difference of two shares (0–1) in percentage points: ``−2,1 pct.-point`` (da),
    ``−2.1 pp`` (en); signed by default, because a difference has a direction."""
    diff = float(diff)
    if not math.isfinite(diff):
        return missing
    text = number(100 * diff, lang, digits, signed=signed)
    return f"{text}\u00a0{t('unit_pp', lang)}" if unit else text


def kroner(x: float, lang: str, digits: int = 0, *, compact: bool = False,
           signed: bool = False, missing: str = MISSING) -> str:
    """An amount in Danish kroner by the locale's currency pattern: ``1.234.567 kr.`` (da),
    ``DKK 1,234,567`` (en); ``compact`` shortens large amounts (``12,3 mio. kr.``,
    ``DKK 12.3M``) with ``digits`` decimals."""
    from babel.numbers import format_compact_currency, format_currency

    x = float(x)
    if not math.isfinite(x):
        return missing
    loc = locale(lang)
    if compact:
        text = format_compact_currency(abs(x), "DKK", locale=loc, fraction_digits=digits)
    else:
        pattern = loc.currency_formats["standard"].pattern.replace("#,##0.00",
                                                                    _pattern(digits), 1)
        text = format_currency(abs(x), "DKK", format=pattern, locale=loc,
                               currency_digits=False)
    if text[:3].isalpha() and text[3:4].isdigit():
        text = text[:3] + "\u00a0" + text[3:]  # CLDR's currency spacing: "DKK 12"
    digits_only = "".join(c for c in text if c.isdigit())
    return _signed(text, x < 0, signed, zero=digits_only.strip("0") == "")


def date(day: dt.date, lang: str, form: str = "long") -> str:
    """A date by the locale's ``form`` (``short``, ``medium``, ``long``): ``1. marts 2016``
    (da), ``March 1, 2016`` (en)."""
    from babel.dates import format_date

    return str(format_date(day, form, locale=locale(lang)))


def separators(lang: str) -> str:
    """Plotly's ``layout.separators``: the locale's decimal mark, then its group mark."""
    symbols = locale(lang).number_symbols["latn"]
    return f"{symbols['decimal']}{symbols['group']}"


def machine(x: float, lang: str) -> str:
    """``x`` in full precision with the locale's decimal mark and no group marks
    (``0,065`` in Danish, ``0.065`` in English): a number a spreadsheet in ``lang`` reads
    back as a number (the workbook's CSV), not one formatted for the eye."""
    text = repr(float(x))
    if "e" in text or "E" in text:
        text = f"{float(x):.17f}".rstrip("0").rstrip(".")
    return text.replace(".", separators(lang)[0])
