"""A forgiving postal-address reader for free text such as
"123 Main St, Apt 4, Austin, TX 78701, USA". It returns whatever fields it can find; the
policy asks the customer for the rest, and repeats the whole address back before any change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from apps.offline.slots import without_order_ids

FIELDS = ("address1", "address2", "city", "state", "country", "zip")
REQUIRED = ("address1", "city", "state", "country", "zip")

_STATES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "district of columbia": "DC",
    "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID", "illinois": "IL",
    "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
    "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI", "minnesota": "MN",
    "mississippi": "MS", "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV",
    "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM", "new york": "NY",
    "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR",
    "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC", "south dakota": "SD",
    "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA",
    "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
}  # fmt: skip
_CODES = frozenset(_STATES.values())
_COUNTRY = re.compile(r"^(?:usa|us|u\.s\.a?\.?|united states(?: of america)?|america)$", re.IGNORECASE)
_ZIP = re.compile(r"(?<![\d#])(\d{5}(?:-\d{4})?)(?!\d)")
_UNIT = re.compile(
    r"^(?:apt|apartment|suite|ste|unit|floor|fl(?=\.?\s*\d)|room|rm|bldg|building)\b\.?|^#\s?\d", re.I
)
_UNIT_INSIDE = re.compile(
    r"\s+((?:apt|apartment|suite|ste|unit|floor|fl(?=\.?\s*\d)|room|rm)\b\.?\s*\S+|#\s?\d+\S*)$", re.I
)
_STREET_START = re.compile(r"(?<![\w#])\d+[A-Za-z]?\s+(?:\d+(?:st|nd|rd|th)\b|[A-Za-z])", re.IGNORECASE)
_COUNTRY_SUFFIX = re.compile(r"\s+(?:usa|us|u\.s\.a?\.?|united states(?: of america)?)$", re.IGNORECASE)
_LABEL = re.compile(
    r"^(?:(?:the|my)\s+)?(?:new\s+)?(?:street|address(?:\s*line)?\s*[12]?|city|town|state|zip(?:\s*code)?|"
    r"postal code|postcode|country)\s*(?:is|:|=)?\s*",
    re.IGNORECASE,
)
_CHATTER = re.compile(r"^(?:yes|yeah|ok|okay|sure|thanks|thank you|no|hi|hello|please)\b", re.IGNORECASE)


def _state(part: str) -> str | None:
    cleaned = part.strip(" .").lower()
    if cleaned.upper() in _CODES and len(cleaned) == 2:
        return cleaned.upper()
    return _STATES.get(cleaned)


def _split_state(part: str) -> tuple[str, str | None]:
    """'Austin TX' -> ('Austin', 'TX'); 'New York' stays a city unless nothing else is there."""
    whole = _state(part)
    if whole:
        return "", whole
    words = part.split()
    for size in (3, 2, 1):
        if len(words) > size and (state := _state(" ".join(words[-size:]))):
            return " ".join(words[:-size]), state
    return part, None


_TRAILING_FILLER = re.compile(
    r"(?:[\s,.!]+(?:instead|please|pls|thanks|thank you|thx|asap|now|then))+[\s.!]*$", re.IGNORECASE
)


def parse_address(text: str, *, asked: Sequence[str] = ()) -> dict[str, str]:
    """The address fields the text gives. `asked` names the fields the customer was asked for,
    so a bare 'Austin' counts as the city only when the city is what we asked."""
    # Trailing chatter ("... TX 78701 instead, thanks") is not part of the address.
    body = _TRAILING_FILLER.sub("", without_order_ids(text))
    for street in _STREET_START.finditer(body):
        # "98104 USA" is a zip code and a country, not a house number and a street.
        following = body[street.end() - 1 :].split(",")[0]
        if not (_COUNTRY.match(following.strip(" .")) or _state(following)):
            body = body[street.start() :]
            break
    parts = [_LABEL.sub("", p.strip(" .")) for p in re.split(r"[,;\n]+", body)]
    parts = [p.strip(" .") for p in parts if p.strip(" .")]
    found: dict[str, str] = {}
    loose: list[str] = []
    whole_state = ""
    for part in parts:
        if _COUNTRY.match(part):
            found["country"] = "USA"
            continue
        if _COUNTRY_SUFFIX.search(part):
            found["country"] = "USA"
            part = _COUNTRY_SUFFIX.sub("", part)
        zip_match = _ZIP.search(part)
        if zip_match and not _STREET_START.match(part):
            found["zip"] = zip_match.group(1)
            part = (part[: zip_match.start()] + part[zip_match.end() :]).strip(" .")
            if not part:
                continue
        if _UNIT.match(part):
            found["address2"] = part
        elif _STREET_START.match(part) and "address1" not in found:
            # Without commas, at least take a trailing "TX 78701" off the street line.
            tail = re.search(r"\s+([A-Za-z]{2})\s+(\d{5}(?:-\d{4})?)$", part)
            if tail and _state(tail.group(1)):
                found["state"], found["zip"] = _state(tail.group(1)) or "", tail.group(2)
                part = part[: tail.start()]
            unit = _UNIT_INSIDE.search(part)
            if unit:
                found.setdefault("address2", unit.group(1))
                part = part[: unit.start()]
            found["address1"] = part
        else:
            rest, state = _split_state(part)
            if state and not rest and whole_state:
                loose.append(whole_state)  # "New York, New York 10001": the first was the city
            if state:
                found["state"] = state
                whole_state = "" if rest else part
            if rest:
                loose.append(rest)
    # Words that are not a street, unit, state, zip or country: the city, when the message is an
    # address at all (or the city is what we asked for) and not "yes thanks".
    loose = [p for p in loose if not _CHATTER.match(p) and re.fullmatch(r"[A-Za-z .'-]+", p)]
    if loose and (found or "city" in asked):
        found["city"] = loose[-1]
    if "state" in found and "country" not in found:
        found["country"] = "USA"  # every state we recognise is a US state
    return found


def merge_address(known: Mapping[str, str], new: Mapping[str, str]) -> dict[str, str]:
    """A restated full address replaces the old one; a partial answer fills the gaps."""
    if "address1" in new and ("city" in new or "zip" in new):
        return dict(new)
    return {**known, **new}


def missing_fields(address: Mapping[str, str]) -> list[str]:
    return [name for name in REQUIRED if not address.get(name)]


def complete_address(address: Mapping[str, str]) -> dict[str, str]:
    """All six fields as the tools want them (address2 may be '')."""
    return {name: address.get(name, "") for name in FIELDS}


def address_line(address: Mapping[str, str]) -> str:
    parts = [
        address.get("address1", ""),
        address.get("address2", ""),
        address.get("city", ""),
        f"{address.get('state', '')} {address.get('zip', '')}".strip(),
        address.get("country", ""),
    ]
    return ", ".join(part for part in parts if part)
