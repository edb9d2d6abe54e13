"""Header lexicon: which column role a header cell names, in English, French, German, Spanish, Italian,
Dutch (and a few more), and which language the words were in.

A header cell's role is that of its earliest *strong* keyword ("Provider of Cookie" -> provider,
"Cookie Name" -> name); the weak keyword "cookie" alone names the cookie-name column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from extractor.model import Role

# keyword -> (role, languages). Keywords are casefolded and written without accents; multi-word keywords
# are matched as phrases on word boundaries. "*" as language means the word is shared by many languages.
LEXICON: dict[str, tuple[Role, str]] = {
    # name
    "name": ("name", "en de"),
    "names": ("name", "en"),
    "cookie name": ("name", "en"),
    "identifier": ("name", "en"),
    "key": ("name", "en"),
    "nom": ("name", "fr"),
    "noms": ("name", "fr"),
    "traceur": ("name", "fr"),
    "bezeichnung": ("name", "de"),
    "cookiename": ("name", "de"),
    "nombre": ("name", "es"),
    "nome": ("name", "it"),
    "naam": ("name", "nl"),
    "cookienaam": ("name", "nl"),
    "nazwa": ("name", "pl"),
    # provider
    "provider": ("provider", "en"),
    "provided by": ("provider", "en"),
    "supplier": ("provider", "en"),
    "owner": ("provider", "en"),
    "vendor": ("provider", "en"),
    "service": ("provider", "en fr"),
    "services": ("provider", "en fr"),
    "set by": ("provider", "en"),
    "company": ("provider", "en"),
    "publisher": ("provider", "en"),
    "third party": ("provider", "en"),
    "source": ("provider", "en fr"),
    "fournisseur": ("provider", "fr"),
    "editeur": ("provider", "fr"),
    "emetteur": ("provider", "fr"),
    "prestataire": ("provider", "fr"),
    "anbieter": ("provider", "de"),
    "dienst": ("provider", "de nl"),
    "herausgeber": ("provider", "de"),
    "proveedor": ("provider", "es"),
    "titular": ("provider", "es"),
    "fornitore": ("provider", "it"),
    "titolare": ("provider", "it"),
    "gestore": ("provider", "it"),
    "terza parte": ("provider", "it"),
    "aanbieder": ("provider", "nl"),
    "leverancier": ("provider", "nl"),
    "partij": ("provider", "nl"),
    "dostawca": ("provider", "pl"),
    # function
    "function": ("function", "en"),
    "title": ("function", "en"),
    "feature": ("function", "en"),
    "fonction": ("function", "fr"),
    "fonctionnalite": ("function", "fr"),
    "funktion": ("function", "de"),
    "funcion": ("function", "es"),
    "funcionalidad": ("function", "es"),
    "funzione": ("function", "it"),
    "functie": ("function", "nl"),
    "funkcja": ("function", "pl"),
    # purpose
    "purpose": ("purpose", "en"),
    "purposes": ("purpose", "en"),
    "description": ("purpose", "en fr"),
    "reason": ("purpose", "en"),
    "what it does": ("purpose", "en"),
    "what it is used for": ("purpose", "en"),
    "used for": ("purpose", "en"),
    "use": ("purpose", "en"),
    "usage": ("purpose", "en fr"),
    "details": ("purpose", "en"),
    "finalite": ("purpose", "fr"),
    "finalites": ("purpose", "fr"),
    "objectif": ("purpose", "fr"),
    "utilite": ("purpose", "fr"),
    "but": ("purpose", "fr"),
    "zweck": ("purpose", "de"),
    "verwendungszweck": ("purpose", "de"),
    "beschreibung": ("purpose", "de"),
    "finalidad": ("purpose", "es"),
    "proposito": ("purpose", "es"),
    "descripcion": ("purpose", "es"),
    "objetivo": ("purpose", "es"),
    "finalita": ("purpose", "it"),
    "scopo": ("purpose", "it"),
    "descrizione": ("purpose", "it"),
    "doel": ("purpose", "nl"),
    "doeleinde": ("purpose", "nl"),
    "omschrijving": ("purpose", "nl"),
    "beschrijving": ("purpose", "nl"),
    "opis": ("purpose", "pl"),
    "cel": ("purpose", "pl"),
    # duration
    "expires": ("duration", "en"),
    "expiry": ("duration", "en"),
    "expiration": ("duration", "en fr"),
    "expiration date": ("duration", "en"),
    "duration": ("duration", "en fr"),
    "retention": ("duration", "en"),
    "retention period": ("duration", "en"),
    "lifespan": ("duration", "en"),
    "lifetime": ("duration", "en"),
    "validity": ("duration", "en"),
    "period": ("duration", "en"),
    "storage period": ("duration", "en"),
    "max age": ("duration", "en"),
    "how long": ("duration", "en"),
    "duree": ("duration", "fr"),
    "conservation": ("duration", "fr"),
    "validite": ("duration", "fr"),
    "ablauf": ("duration", "de"),
    "laufzeit": ("duration", "de"),
    "dauer": ("duration", "de"),
    "speicherdauer": ("duration", "de"),
    "gultigkeit": ("duration", "de"),
    "duracion": ("duration", "es"),
    "caducidad": ("duration", "es"),
    "expiracion": ("duration", "es"),
    "vencimiento": ("duration", "es"),
    "durata": ("duration", "it"),
    "scadenza": ("duration", "it"),
    "bewaartermijn": ("duration", "nl"),
    "looptijd": ("duration", "nl"),
    "vervaldatum": ("duration", "nl"),
    "duur": ("duration", "nl"),
    "geldigheid": ("duration", "nl"),
    "czas": ("duration", "pl"),
    "czas trwania": ("duration", "pl"),
    "trwania": ("duration", "pl"),
    "okres": ("duration", "pl"),
    # type
    "type": ("type", "en fr nl"),
    "kind": ("type", "en"),
    "typ": ("type", "de pl"),
    "art": ("type", "de"),
    "tipo": ("type", "es it"),
    "tipologia": ("type", "it"),
    "soort": ("type", "nl"),
    # domain
    "domain": ("domain", "en de"),
    "domains": ("domain", "en"),
    "host": ("domain", "en"),
    "domaine": ("domain", "fr"),
    "domane": ("domain", "de"),
    "standort": ("domain", "de"),
    "dominio": ("domain", "es it"),
    "domein": ("domain", "nl"),
    "domena": ("domain", "pl"),
    # category
    "category": ("category", "en"),
    "categories": ("category", "en"),
    "classification": ("category", "en"),
    "categorie": ("category", "fr nl"),
    "kategorie": ("category", "de"),
    "categoria": ("category", "es it"),
    "kategoria": ("category", "pl"),
    # header words naming no role we extract
    "size": ("other", "en"),
    "grosse": ("other", "de"),
    "taille": ("other", "fr"),
}
# "cookie" alone names the cookie-name column, but never outranks a strong keyword in the same cell.
WEAK_KEYWORDS: dict[str, tuple[Role, str]] = {
    "cookie": ("name", "*"),
    "cookies": ("name", "*"),
    "tracker": ("name", "en"),
}
# A header cell is a short label; longer text is prose that happens to contain a keyword.
DEFAULT_MAX_HEADER_WORDS = 6


def fold(text: str) -> str:
    """Casefold, drop accents and punctuation: the form lexicon keywords are written in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("ß", "ss").replace("(s)", "s")
    return re.sub(r"[^\w]+|_", " ", plain).strip()


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    words = sorted({**LEXICON, **WEAK_KEYWORDS}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b")


@dataclass(frozen=True)
class HeaderMatch:
    """The role a header cell names, and the languages its keyword belongs to."""

    role: Role
    languages: tuple[str, ...]
    strong: bool


def match_header(text: str) -> HeaderMatch | None:
    """The role named by one header cell, or ``None`` when the text is not a header label."""
    folded = fold(text)
    if not folded or len(folded.split()) > DEFAULT_MAX_HEADER_WORDS or text.rstrip().endswith((".", "-")):
        return None
    keywords = " ".join(m.group(1) for m in _pattern().finditer(folded)).split()
    leftovers = [w for w in folded.split() if w not in keywords and w not in HEADER_CONNECTORS and len(w) > 1]
    if len(leftovers) > DEFAULT_MAX_LABEL_LEFTOVERS:
        return None
    weak: HeaderMatch | None = None
    for found in _pattern().finditer(folded):
        word = found.group(1)
        if word in LEXICON:
            role, langs = LEXICON[word]
            return HeaderMatch(role, tuple(langs.split()), True)
        if weak is None:
            role, langs = WEAK_KEYWORDS[word]
            weak = HeaderMatch(role, tuple(langs.split()), False)
    return weak


# Small words that join header labels ("Durée de conservation", "Cookie lié au service").
HEADER_CONNECTORS = frozenset(
    [
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "of",
        "the",
        "a",
        "an",
        "and",
        "et",
        "und",
        "y",
        "e",
        "en",
        "van",
        "het",
        "der",
        "die",
        "das",
        "del",
        "della",
        "di",
        "da",
        "a",
        "au",
        "aux",
        "by",
        "set",
        "lie",
        "lies",
        "utilise",
        "used",
    ]
)
# Words of a header label that are neither keywords nor connectors, at most ("Nom technique du cookie").
DEFAULT_MAX_LABEL_LEFTOVERS = 2


def is_header_word(word: str) -> bool:
    """Whether a word belongs to the header vocabulary (wrapped labels: "Durée de" / "conservation")."""
    folded = fold(word)
    if folded in HEADER_CONNECTORS:
        return True
    return any(folded in key.split() for key in (*LEXICON, *WEAK_KEYWORDS))


def assign_roles(headers: list[str]) -> list[Role]:
    """Roles of a header row's cells, each role used at most once.

    When two cells claim one role, the strong keyword keeps it and the other cell falls back: a second
    "name"-like column ("Cookie" beside "Name") is the provider; a second purpose-like column, the function.
    """
    matches = [match_header(h) for h in headers]
    roles: list[Role] = [m.role if m else "other" for m in matches]
    for role in ("name", "purpose", "provider", "duration", "function", "type", "domain", "category"):
        claim = [i for i, r in enumerate(roles) if r == role]
        if len(claim) < 2:
            continue
        keep = next((i for i in claim if (m := matches[i]) is not None and m.strong), claim[0])
        fallback: dict[str, Role] = {"name": "provider", "purpose": "function"}
        for i in claim:
            if i != keep:
                alt = fallback.get(role, "other")
                roles[i] = alt if alt not in roles else "other"
    return roles


def header_language(headers: list[str]) -> str | None:
    """The language the header keywords agree on, or ``None`` when they name none in particular."""
    votes: dict[str, float] = {}
    for header in headers:
        m = match_header(header)
        if m and "*" not in m.languages:
            for lang in m.languages:
                votes[lang] = votes.get(lang, 0.0) + 1 / len(m.languages)
    if not votes:
        return None
    best = max(sorted(votes), key=lambda lang: votes[lang])
    return best
