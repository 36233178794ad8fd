"""Text normalisation for the safety checks: pure functions that never raise.

Every check reads one `Normalised` view of the message:

- `plain`: NFKC, zero-width and format characters removed, control characters
  turned to spaces, accents stripped, look-alike letters from other scripts
  (Cyrillic, Greek) mapped to Latin, curly quotes straightened, lower case,
  whitespace collapsed. Digits are kept as they are (phone numbers, addresses).
- `deleet`: `plain` with digits and symbols inside words read as the letters
  they stand for ("st00pid", "sh1t", "a$$hole", "bi+ch"), letters repeated three
  or more times shortened ("fuuuck"), and runs of single spaced or dotted
  letters joined ("f u c k", "s.t.u.p.i.d"), and a few short words spelled
  with a final digit ("t0", "m3", "d13"). The offensive-language check reads
  it, and every distress rule reads it as well as `plain`.
- `original`: the text as given (for capitalisation hints on names).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Longer messages are cut before checking (the conversation service caps a
# message at 500 characters; this bounds the work on anything else).
MAX_CHARS = 20_000

# Look-alike letters from other scripts that NFKC leaves alone.
_HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h",
        "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s",
        "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h",
        "ɡ": "g", "ո": "n", "ս": "u",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v",
        "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ς": "s",
        # Punctuation that varies by keyboard
        "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
        "\u2010": "-", "\u2011": "-", "\u2212": "-",
    }
)  # fmt: skip

# Digits and symbols read as letters inside a word.
_LEET = str.maketrans(
    {
        "0": "o", "1": "i", "2": "z", "3": "e", "4": "a", "5": "s", "6": "g", "7": "t",
        "8": "b", "9": "g", "$": "s", "@": "a", "!": "i", "+": "t", "|": "i", "€": "e",
        "£": "l", "¡": "i",
    }
)  # fmt: skip
_LEET_CHARS = "0123456789$@!+|€£¡"
# Read token by token (linear in the length of the text): a token holding at
# least one letter has its leet characters read as letters, except at its end
# ("idiot!" stays "idiot!", "noob1" stays "noob1"); a number stays a number.
_TOKEN = re.compile(r"\S+")
_SHORT_WORDS = frozenset(
    {
        "to", "too", "so", "no", "go", "do", "me", "be", "he", "she", "we", "die", "dies",
        "is", "it", "at", "of", "my", "hit", "hits", "cut", "cuts", "kill", "dead", "hate",
        "hurt", "hurts", "beat", "beats",
    }
)  # fmt: skip
_PUNCT = ".,;:?)\"'"
_TAIL = _LEET_CHARS + _PUNCT
_LETTER = re.compile(r"[a-z]")
_SPACED = re.compile(r"(?<![a-z0-9])(?:[a-z][\s.\-_*,]{1,3}){2,}[a-z](?![a-z0-9])")
_REPEATS = re.compile(r"([a-z])\1{2,}")  # three or more of a letter read as two
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Normalised:
    original: str
    plain: str
    deleet: str


def _clean_char(ch: str) -> str:
    cat = unicodedata.category(ch)
    if cat == "Cf":  # zero-width joiners/spaces, bidi marks, soft hyphen
        return ""
    if cat in ("Cc", "Zl", "Zp", "Cs", "Co", "Cn"):
        return " "
    return ch


def plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(_clean_char(ch) for ch in text)
    # Accents off ("fück" reads "fuck", "José" reads "jose").
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.translate(_HOMOGLYPHS).lower()
    return _SPACES.sub(" ", text).strip()


def _deleet_word(match: re.Match) -> str:
    token = match.group(0)
    core = token.rstrip(_TAIL)
    if not any(ch in _LEET_CHARS for ch in core) or not _LETTER.search(core):
        # A short word ending in a leet digit ("t0", "m3", "d13"): read when it
        # spells one of the few words distress and threats are made of.
        word = token.rstrip(_PUNCT)
        if _LETTER.search(word) and word.translate(_LEET) in _SHORT_WORDS:
            return word.translate(_LEET) + token[len(word) :]
        return token
    # Keep ordinals and units as they are ("4th", "3rd", "10am", "5km").
    if re.fullmatch(r"\d+(?:st|nd|rd|th|s|am|pm|km|cm|mm|kg|g|m|ft|mph|k)", core):
        return token
    return core.translate(_LEET) + token[len(core) :]


def _join_spaced(match: re.Match) -> str:
    return segment(re.sub(r"[^a-z]", "", match.group(0)))


# A run of spaced letters may spell a whole phrase ("s u c k m y ...", "y o u
# s u c k"): it is read back as the likeliest words, so the phrase rules see
# them. One-letter words other than these are not read.
_ONE_LETTER = frozenset("iaury")
_LONGEST = 20


def segment(run: str) -> str:
    """`run` as words ("suckmydick" -> "suck my dick"); as it is when it is a
    word, or when it cannot be read as words, or is too long to bother."""
    if len(run) < 4 or len(run) > 200:
        return run
    from brightpath.spark.safety.model import dictionary

    known = dictionary()
    if run in known:
        return run
    # Fewest, commonest words: each word costs 1 plus its rarity (idf / 20).
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("inf"), 0)] * len(run)
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - _LONGEST), end):
            word = run[start:end]
            if len(word) == 1 and word not in _ONE_LETTER:
                continue
            rarity = known.get(word)
            if rarity is None:
                continue
            cost = best[start][0] + 1.0 + rarity / 20
            if cost < best[end][0]:
                best[end] = (cost, start)
    if best[-1][0] == float("inf"):
        return run
    words, end = [], len(run)
    while end:
        start = best[end][1]
        words.append(run[start:end])
        end = start
    return " ".join(reversed(words))


def deleet(text: str) -> str:
    text = _TOKEN.sub(_deleet_word, text)
    text = _SPACED.sub(_join_spaced, text)
    return _REPEATS.sub(r"\1\1", text)


def normalise(text: object) -> Normalised:
    """The three views of `text`. Anything that is not a string reads as its
    `str()`; None as the empty string."""
    if text is None:
        text = ""
    elif not isinstance(text, str):
        try:
            text = str(text)
        except Exception:  # a hostile __str__ must not break the filter
            text = ""
    text = text[:MAX_CHARS]
    # Lone surrogates cannot be encoded; drop them before anything else.
    text = text.encode("utf-8", "replace").decode("utf-8")
    p = plain(text)
    return Normalised(original=text, plain=p, deleet=deleet(p))
