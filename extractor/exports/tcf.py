"""IAB TCF device storage disclosure (the "Vendor Device Storage & Operational Disclosures" JSON of the IAB
Europe Transparency & Consent Framework): ``disclosures[]``, one per cookie, and ``domains[]``.

The rules followed, from the specification (TCFv2/Vendor Device Storage & Operational Disclosures.md):

- ``identifier``: the name; a pattern is written with ``*`` wildcards (``_pk_id.*``), never as a regular
  expression; a wildcard alone is invalid, so such a record is left out.
- ``type``: ``cookie``, or ``web`` for browser storage the policy names as such (local storage, IndexedDB, ...);
  ``maxAgeSeconds``: the duration in seconds for a cookie, 0 for a session cookie, ``null`` for ``web``.
- ``purposes``: storage exempt from the ePrivacy consent requirement does not include purpose 1, so strictly
  necessary storage gets ``[]``; the others start with purpose 1 (functional [1]; analytics [1, 8, 9, 10];
  marketing [1, 2, 3, 4, 7]; unclassified [1], consent being the safe reading of an unknown purpose).
- ``domains``: only the domains the policy gives for the cookie (``.example.com`` -> ``*.example.com``); the
  top-level ``domains[]`` lists each of them once with the purposes of its cookies.

Nothing is invented: what the specification asks for and the policy does not say (``cookieRefresh``, which no
policy table states; ``maxAgeSeconds`` of a cookie with no stated duration; the domains of a cookie without a
domain) is left out of the record, and the export's notes name the records to complete before publishing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from extractor.exports.common import Exported, unique
from extractor.model import Category, Cookie

TCF_PURPOSES: dict[Category, list[int]] = {
    "necessary": [],
    "functional": [1],
    "analytics": [1, 8, 9, 10],
    "marketing": [1, 2, 3, 4, 7],
    "unclassified": [1],
}
# Words of a policy's Type column that name browser storage other than cookies (the specification's ``web``);
# Cookiebot's declarations write "HTML" for local storage.
WEB_STORAGE = re.compile(r"local ?storage|session ?storage|indexed ?db|\bhtml\b|web ?storage", re.IGNORECASE)
# Words that name a tracker that stores nothing on the device (a pixel): not a disclosure of device storage.
NOT_STORAGE = re.compile(r"\bpixel\b", re.IGNORECASE)
# A domain name: labels of letters, digits and hyphens joined by dots, ending in a top-level label.
HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", re.IGNORECASE)
# A regular expression of ours (normalize/names.py) part by part: a run of characters the pattern stands for,
# an escaped character, a plain one.
_REGEX_PART = re.compile(r"(?P<run>\\d\+|\.\*|\.\+)|\\(?P<escaped>.)|(?P<plain>[^\\.^$*+?()\[\]{}|])")


def wildcard(regex: str) -> str | None:
    """The ``*`` wildcard form of one of our anchored name patterns (``^_pk_id\\..*$`` -> ``_pk_id.*``), or
    ``None`` when the pattern is more than literal text and runs of any characters."""
    body = regex.removeprefix("^").removesuffix("$")
    out: list[str] = []
    position = 0
    while position < len(body):
        match = _REGEX_PART.match(body, position)
        if match is None:
            return None
        if match.group("run"):
            if not out or out[-1] != "*":
                out.append("*")
        else:
            out.append(match.group("escaped") or match.group("plain"))
        position = match.end()
    text = "".join(out)
    return None if text.strip("*") == "" else text


def identifier(cookie: Cookie) -> str | None:
    """The disclosure's ``identifier``: the name, or the pattern in wildcards; ``None`` when it cannot be one."""
    if cookie.name_is_pattern and cookie.name_regex:
        return wildcard(cookie.name_regex)
    return cookie.name if cookie.name.strip("*") else None


def domains(cookie: Cookie) -> list[str]:
    """The domains the policy gives for the cookie, as the specification writes them."""
    found = []
    for token in re.split(r"[\s,;]+", cookie.domain or ""):
        host = re.sub(r"^https?://", "", token).split("/", 1)[0].strip()
        if host.startswith("."):
            host = "*" + host
        if host and HOST.fullmatch(host.removeprefix("*.")) and host not in found:
            found.append(host)
    return found


def storage_type(cookie: Cookie) -> str | None:
    """``cookie`` or ``web`` from the policy's Type cell; ``None`` for something that stores nothing."""
    kind = cookie.type or ""
    if NOT_STORAGE.search(kind):
        return None
    return "web" if WEB_STORAGE.search(kind) else "cookie"


def max_age(cookie: Cookie) -> int | None:
    """Seconds the cookie is kept: 0 for a session cookie, ``None`` when the policy states no length."""
    if cookie.duration_kind == "session":
        return 0
    return cookie.duration_seconds


def to_tcf_disclosure(cookies: Sequence[Cookie], languages: Sequence[str]) -> Exported:
    """A TCF device storage disclosure of the inventory's cookies, and notes on what it leaves out."""
    disclosures: list[dict[str, Any]] = []
    by_domain: dict[str, set[int]] = {}
    left_out: list[str] = []
    no_age: list[str] = []
    no_domain: list[str] = []
    for cookie in unique(cookies):
        name = identifier(cookie)
        kind = storage_type(cookie)
        if name is None or kind is None:
            reason = "a wildcard alone" if name is None else f"type {cookie.type!r} stores nothing"
            left_out.append(f"{cookie.name} ({reason})")
            continue
        record: dict[str, Any] = {"identifier": name, "type": kind}
        if kind == "web":
            record["maxAgeSeconds"] = None
        elif max_age(cookie) is not None:
            record["maxAgeSeconds"] = max_age(cookie)
        else:
            no_age.append(name)
        hosts = domains(cookie)
        if hosts:
            record["domains"] = hosts
        else:
            no_domain.append(name)
        purposes = TCF_PURPOSES[cookie.category]
        record["purposes"] = list(purposes)
        disclosures.append(record)
        for host in hosts:
            by_domain.setdefault(host, set()).update(purposes)
    notes = []
    if left_out:
        notes.append(f"tcf-disclosure: left out {len(left_out)} record(s): {', '.join(left_out)}")
    cookie_count = sum(1 for d in disclosures if d["type"] == "cookie")
    if cookie_count:
        notes.append(
            f"tcf-disclosure: cookieRefresh left out of {cookie_count} cookie record(s): no policy says whether a "
            "cookie is refreshed; the specification asks for it on cookies"
        )
    if no_age:
        notes.append(f"tcf-disclosure: maxAgeSeconds left out (no duration stated): {', '.join(no_age)}")
    if no_domain:
        notes.append(f"tcf-disclosure: domains left out (no domain stated): {', '.join(no_domain)}")
    top = [{"domain": host, "purposes": sorted(by_domain[host])} for host in sorted(by_domain)]
    return Exported({"disclosures": disclosures, "domains": top}, tuple(notes))
