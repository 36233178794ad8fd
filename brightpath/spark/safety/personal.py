"""Personal information a child gives away, and a guide's request for it.

Rules over `Normalised.plain` (digits intact). Each returns the kind of
information found ("phone number", "home address"), never the information.
See the package docstring for the policy (what counts, what does not).
"""

from __future__ import annotations

import re

from brightpath.spark.safety.lexicon import (
    BROAD_PLACES,
    FIRST_NAMES,
    LIVE_IN_GENERIC,
    SURNAMES,
)
from brightpath.spark.safety.text import Normalised


def _words(block: str) -> list[str]:
    return block.split()


# --- contact details ---------------------------------------------------------

# Each pattern starts only where a word starts (the lookbehinds), so a long run
# of letters or digits is read once, not once per character.
_EMAIL = re.compile(r"(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
_TLD = r"(?:com|net|org|edu|gov|co|uk|us|ca|au|io|me|tv|gg|ly|be|app|info|biz|xyz)"
# A bare domain ("coolgames.com") only with a top-level domain that is not also
# a word a child runs on after a full stop ("cats.me too").
_BARE_TLD = r"(?:com|net|org|edu|gov|io|gg|tv|xyz|info|biz|co\.uk|org\.uk)"
_EMAIL_SPELLED = re.compile(
    rf"(?<![a-z0-9._-])[a-z0-9._-]+\s*(?:\(at\)|\[at\]|\{{at\}}|\sat\s)\s*"
    rf"(?:gmail|yahoo|hotmail|outlook|icloud|aol|live|msn|mail|me|proton|protonmail|[a-z0-9-]+)"
    rf"\s*(?:\(dot\)|\[dot\]|\sdot\s|\.)\s*{_TLD}\b"
)
_URL = re.compile(
    rf"(?:https?://|www\.)\S+|(?<![a-z0-9-])[a-z0-9-]{{2,}}\.{_BARE_TLD}(?:/\S*)?\b|\b(?:bit\.ly|"
    r"t\.co|discord\.gg)/\S+"
)
_HANDLE = re.compile(r"(?<![a-z0-9.])@[a-z0-9_][a-z0-9_.]{2,}|\b[a-z][a-z0-9_]{2,}#\d{4}\b")
_PLATFORMS = (
    r"(?:instagram|insta|ig|tiktok|tik tok|snapchat|snap|discord|roblox|minecraft|fortnite|"
    r"xbox|xbox live|psn|playstation|switch|nintendo|steam|twitch|youtube|yt|whatsapp|kik|"
    r"facebook|fb|messenger|twitter|telegram|signal|skype|zoom|facetime|among us|gmail|email|"
    r"e-mail)"
)
_ACCOUNT = re.compile(
    rf"\b(?:(?:add|follow|friend|find|dm|message|msg|text|sub to|subscribe to|call|chat with|"
    rf"play with) me on {_PLATFORMS}"
    rf"|my {_PLATFORMS} (?:is|its|it's|:) [a-z0-9_.]*[0-9_][a-z0-9_.]*"
    rf"|(?:sub|subscribe|subscribed) to my\b|my (?:youtube |yt )?channel (?:is|called)"
    rf"|my {_PLATFORMS} (?:is called|called|is named)"
    rf"|my email (?:is|:))"
)
# "my insta is lily.paints", "my roblox is bluebearbuilder", "my gamertag is
# nightowl", "i'm dinoking on roblox": what follows is an account name when it
# has digits, dots or underscores, is spelled out ("zoe underscore art"), is a
# first name, or is not an English word; "my roblox is broken", "my username
# is secret", "my minecraft account got hacked" are not.
_ACCOUNT_KIND = (
    r"(?:user ?name|user|name|handle|tag|gamer ?tag|id|account|code|number|friend code|channel|"
    r"page|profile|acc)"
)
_ACCOUNT_NAMED = re.compile(
    rf"\bmy (?:{_PLATFORMS}(?: {_ACCOUNT_KIND})?|user ?name|gamertag|gamer tag|screen ?name|"
    r"handle|friend code|player id|(?:user)?name on " + _PLATFORMS + r"|name in (?:the )?game)"
    r"(?: is| its| it's| iz|:| =| -)\s*(?:called |named )?"
    r"(@?[a-z0-9_.'-]+(?:\s+(?:underscore|dot|dash|hyphen)\s+[a-z0-9]+)*)"
    rf"|\b(?:i'?m|im|i am|find me as|search for|search|look for|look up|add) @?([a-z0-9_.'-]+) "
    rf"(?:on|in) {_PLATFORMS}\b"
    rf"|{_PLATFORMS} (?:user ?name|gamertag|handle|tag|id|name) (?:is|its|it's|:|=)\s*"
    r"(@?[a-z0-9_.'-]+)"
)
_NOT_ACCOUNT = frozenset(
    _words(
        """
        a an the my so too really very not full fun cool called named on off up down in out
        being getting still just like all only mine same different secret private hidden
        blocked banned broken hacked deleted gone locked new old lagging laggy updating loading
        boring awesome epic good bad great best worst fine ok okay free there here this that
        what better bigger back closed open weird funny silly long short hard easy level
        """
    )
)


def _known_word(word: str) -> bool:
    from brightpath.spark.safety.model import dictionary

    known = dictionary()
    if word in known:
        return True
    for suffix, add in (
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
        ("ies", "y"),
        ("er", ""),
        ("est", ""),
        ("ly", ""),
        ("y", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + add
            if stem in known or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in known):
                return True
    return False


def _account_named(p: str) -> bool:
    for match in _ACCOUNT_NAMED.finditer(p):
        name = next((g for g in match.groups() if g), "").strip(".'-")
        if not name or name in _NOT_ACCOUNT:
            continue
        if re.search(r"[0-9_.@]|\s", name) or name in FIRST_NAMES:
            return True
        if name[:-1] in FIRST_NAMES or name[:-2] in FIRST_NAMES:
            return True  # "jakey", "emmax", "lilyxo"
        if not _known_word(name):
            return True
    return False


_PHONE_WORD = r"(?:phone|number|cell|mobile|call|text|ring|whatsapp|tel|telephone|digits)"
_NUMBER_RUN = re.compile(r"\+?\(?\d[\d\s().\-]{5,22}\d")
_SPELLED_DIGITS = re.compile(
    r"\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)[\s,-]+){6,}"
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b"
)


def _phone(p: str) -> bool:
    for match in _NUMBER_RUN.finditer(p):
        run = match.group(0)
        digits = re.sub(r"\D", "", run)
        groups = [g for g in re.split(r"[\s().\-]+", run.strip("+()")) if g]
        before = p[max(0, match.start() - 40) : match.start()]
        if re.fullmatch(r"\d+\.\d+", run):  # a decimal
            continue
        if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", run):  # a date
            continue
        if all(len(g) == 4 and 1000 <= int(g) <= 2100 for g in groups):  # years
            continue
        if sum(1 for g in groups if len(g) <= 2) > 2:
            continue  # a list of small numbers: "4 8 15 16 23 42"
        context = re.search(rf"\b{_PHONE_WORD}", before) is not None
        if context and 7 <= len(digits) <= 15:
            return True
        if run.startswith("+") and 8 <= len(digits) <= 15:
            return True
        if 10 <= len(digits) <= 13 and len(groups) <= 5:
            if len(groups) == 1 and re.search(r"0{5,}$", digits):  # 1000000000
                continue
            if len(groups) > 1 and len(groups[0]) == 1 and not digits.startswith(("0", "1")):
                continue  # a list of small numbers
            if sum(1 for g in groups if len(g) <= 2) > 1:
                continue  # "4 8 15 16 23 42"
            return True
        # 555-1234, 867 5309: a local number written in the usual 3-4 shape.
        if re.fullmatch(r"\d{3}[\s.-]\d{4}", run):
            return True
    for match in _SPELLED_DIGITS.finditer(p):
        words = re.findall(r"[a-z]+", match.group(0))
        values = [_DIGIT_WORDS.index(w) if w in _DIGIT_WORDS else 0 for w in words]
        if values != list(range(values[0], values[0] + len(values))):  # not counting
            return True
    return False


_DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


# --- where a child lives --------------------------------------------------------

# Street words after a house number; with a child saying they live there, also
# the words that name a place more loosely ("willow court", "pine hill").
_STREET_STRICT = (
    r"(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|court|ct|boulevard|blvd|"
    r"place|pl|terrace|crescent|circle|cir|parkway|pkwy|highway|hwy|grove|gardens|mews)"
)
_STREET = (
    rf"(?:{_STREET_STRICT[3:-1]}|close|way|square|sq|row|walk|path|trail|hill|view|rise|green|park)"
)
_NOT_NAME = (
    r"(?:the|a|an|my|our|your|on|in|at|of|and|or|to|is|are|was|for|with|from|by|"
    r"years?|old|miles?|km|kilometers?|kilometres?|meters?|metres?|feet|foot|inches|"
    r"people|kids|children|times|minutes|hours|days|weeks|dogs|cats|birds|cars|houses|"
    r"planets|stars|moons|eggs|legs|dinosaurs|animals)"
)
_ADDRESS_NUMBERED = re.compile(
    rf"(?<![\d.,])\b\d{{1,5}}[a-z]?,?\s+(?:(?!{_NOT_NAME}\b)[a-z0-9'.-]+\s+){{1,3}}{_STREET_STRICT}"
    r"\b"
    rf"(?!\s+(?:of|and)\b)"
)
_STREET_NAMED = rf"(?:(?!{_NOT_NAME}\b)[a-z0-9'.-]+\s+){{1,3}}{_STREET}\b"
_SELF_PLACE = (
    r"\b(?:i|we|me|my family|my mom|my mum|my dad|my grandma|my nana) "
    r"(?:live|lives|living|stay|staying)\b|\bmy (?:house|home|flat|apartment|address)\b"
    r"|\bour (?:house|home|flat|apartment)\b|\bcome (?:to|over to) my\b|\bi'?m (?:at|on)\b"
)
_LIVE_ON_STREET = re.compile(
    rf"(?:{_SELF_PLACE})[^.!?]{{0,40}}?\b(?:on|at|in|off|near|next to|by|is)\s+{_STREET_NAMED}"
)
_ADDRESS_WORDS = re.compile(
    r"\b(?:my|our|his|her|mom's|moms|dad's|dads) (?:home |house |full |street |mailing |postal )?"
    r"address (?:is|it's|its|:)(?! (?:a |the )?(?:secret|private|none))"
    r"|\b(?:my|our) (?:house|flat|apartment|apt|door) (?:number )?(?:is )?(?:number |no\.? |#)?\d+"
    r"|\b(?:my|our) (?:zip|post|postal) ?code\b(?! is (?:a )?(?:secret|private))"
    r"|\bp\.?o\.? box \d+|\b(?:live|living|stay|staying) at (?:number |no\.? |#)?\d+"
)
_POSTCODE = re.compile(r"\b[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2}\b")  # UK, with context
_LIVE_IN = re.compile(
    r"\b(?:i|we|me|my family|and|n) (?:live|lives|living|stay|am living|are living)"
    r"(?: right| just)? (?:in|near|outside|by)\s+"
    r"(?:(?:a|the) (?:town|city|village|place|suburb) (?:called|named)\s+)?([a-z][a-z' .-]{1,40})"
    r"|\b(?:i'?m|i am|im|and|&) (?:from|living in)\s+([a-z][a-z' .-]{1,40})"
    r"|\b(?:i|we) (?:just |recently |finally |have |'ve )?(?:come from|moved from|moved to)\s+"
    r"([a-z][a-z' .-]{1,40})"
    r"|\bmy (?:town|city|village|hometown) is(?: called)?\s+([a-z][a-z' .-]{1,40})"
)
_PLACE_STOP = re.compile(
    r"\s+(?:and|but|so|with|where|because|cos|cuz|it|its|it's|there|here|which|who|"
    r"now|too|also|right|near|next|by|in|on|at|is|are|was|we|i|my|the|a|lol|haha|"
    r"since|for|when|today|yesterday)\b.*$"
)
_AGE = re.compile(
    r"\b(?:i'?m|i am|im|i turned|i turn|am)\s+(?:\d{1,2}|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|thirteen|fourteen)\b|\b\d{1,2} (?:years?|yrs?) old\b"
)


def _place_named(p: str) -> str | None:
    """What a child says they live in or come from, when it is narrower than a
    country or state; None when it is not a place or a broad one."""
    for match in _LIVE_IN.finditer(p):
        raw = next(g for g in match.groups() if g)
        place = _PLACE_STOP.sub("", raw).strip(" .'-")
        first = place.split(" ")[0] if place else ""
        if not place or first in LIVE_IN_GENERIC:
            continue
        if place in BROAD_PLACES or place.removeprefix("the ") in BROAD_PLACES:
            continue
        return place
    return None


def _broad_place(p: str) -> bool:
    for match in _LIVE_IN.finditer(p):
        raw = next(g for g in match.groups() if g)
        place = _PLACE_STOP.sub("", raw).strip(" .'-")
        if place in BROAD_PLACES or place.removeprefix("the ") in BROAD_PLACES:
            return True
        if place.split(" ")[0] in BROAD_PLACES:
            return True
    return False


# --- who a child is -------------------------------------------------------------

_NAME_INTRO_STOP = frozenset(
    _words(
        """
        a an the not no secret private hard long short funny weird cool nice same spelled
        spelt pronounced like in on too also so very really just from after what who why how
        kind sort secret. too. special different unusual boring important rare common easy
        """
    )
)
_MY_NAME = re.compile(
    r"\b(?:my|me|ma) (?:name|nam|nme)(?:'s|s| is| iz| was|:| =)\s*([a-z][a-z'-]*)"
    r"|\b(?:my|me) (?:full|first|last|real|middle|whole|sur|family) ?name(?:'s|s| is| iz|:|"
    r" =)?\s*([a-z])"
    r"|\bmy surname\b(?:'s|s| is)?\s*([a-z])|\bname'?s ([a-z][a-z'-]*) (?:and|btw)\b"
    r"|^(?:my |first |full )?name\s*[:=-]\s*([a-z])"
)
_FAMILY_NAME = re.compile(
    r"\bmy (?:mom|mum|mother|mommy|mummy|dad|father|daddy|parents?|grandma|grandpa|nana|"
    r"granny|aunt|auntie|uncle|stepdad|stepmom|brother|sister)(?:'s|s)? (?:full |real )?"
    r"names? (?:is|are|:) [a-z][a-z'-]+ (?!(?:and|but|so|she|he|they|is|was|too|lol|which|"
    r"because|cos|who|i|my|like|from|or)\b)[a-z][a-z'-]+"
)
_FAMILY_IS = re.compile(
    r"\bmy (?:mom|mum|mother|dad|father|parents?|grandma|grandpa|nana|aunt|uncle|stepdad|stepmom)"
    r" is (?:called |named )?([a-z][a-z'-]+) ([a-z][a-z'-]+)"
)
_CALLED_BY_OTHERS = re.compile(
    r"\b(?:friends|they|people|everyone|everybody|my family|my \w+|we) call me ([a-z][a-z'-]+)"
)
_NOT_A_NICKNAME = frozenset(
    _words(
        """
        names name at on when a the back later maybe every all mean stupid dumb fat ugly
        weird gay loser baby freak smelly stinky idiot horrible silly funny crazy lazy bad
        rude over up down tomorrow sometimes
        """
    )
)
_INTRO = re.compile(
    r"\b(?:i'?m called|i am called|im called|call me|they call me|people call me|"
    r"you can call me|it'?s me|its me|i'?m|im|i am|am|me is|this is|it'?s|its)\s+([a-z][a-z'-]+)"
    r"(?:\s+([a-z][a-z'-]+))?"
)
_NAME_HERE = re.compile(r"(?:^|[,.!?]\s*|\b(?:hi|hey|hello|yo)\s+(?:spark\s+)?)([a-z]+) here\b")
_SIGN_OFF = re.compile(
    r"(?:(?:^|[.!,:;]\s*)(?:love|from|bye|regards|cheers),?\s+|\s-+\s*)([a-z]+)\s*[!.]*$"
)
_AFTER_NAME = re.compile(
    r"^(?:\s*$|\s*[^\w\s']|\s+(?:and|n|&|i|im|i'm|here|from|btw|age|aged|lol|haha|hehe|again|"
    r"speaking|writing|typing|talking|bye|\d))"
)


def _introduction(p: str, original: str) -> str | None:
    """A child naming themself: 'my name is emma', "i'm noah smith", 'its amelia here'."""
    for match in _MY_NAME.finditer(p):
        word = next(g for g in match.groups() if g)
        if len(word) > 1 and word in _NAME_INTRO_STOP:
            continue
        return "their name"
    if _FAMILY_NAME.search(p):
        return "a family member's full name"
    for match in _FAMILY_IS.finditer(p):
        first, second = match.group(1), match.group(2)
        if first in FIRST_NAMES and (second in SURNAMES or _capitalised(original, second)):
            return "a family member's full name"
    for match in _CALLED_BY_OTHERS.finditer(p):
        if match.group(1) not in _NAME_INTRO_STOP and match.group(1) not in _NOT_A_NICKNAME:
            return "their name"
    for match in _INTRO.finditer(p):
        first, second = match.group(1), match.group(2)
        if first not in FIRST_NAMES:
            continue
        if "call" in match.group(0):  # "call me lily", "they call me chloe at school"
            return "their name"
        if second and (
            second in SURNAMES or _capitalised(original, second) or _surname_like(second)
        ):
            return "their full name"
        if _AFTER_NAME.match(p[match.end(1) :]):
            return "their name"
    for pattern in (_NAME_HERE, _SIGN_OFF):
        for match in pattern.finditer(p):
            if match.group(1) in FIRST_NAMES:
                return "their name"
    return None


_SURNAME_SHAPE = re.compile(
    r"^(?:mac|mc|o')[a-z]{3,}$|^[a-z]{3,}(?:son|sen|sson|ez|ski|sky|ska|ova|ov|ovic|ian|berg|stein|"
    r"ton|ley|field|worth|ford|well|wood|man|mann|ini|elli|etti|escu)$"
)


def _surname_like(word: str) -> bool:
    """A word shaped like a family name ("macdonald", "kowalski") that is not an
    everyday English word (the model's vocabulary stands in for a dictionary)."""
    from brightpath.spark.safety.model import vocabulary

    if re.match(r"^(?:mac|mc|o')[a-z]{3,}$", word):
        return True
    return bool(_SURNAME_SHAPE.match(word)) and word not in vocabulary()


def _capitalised(original: str, word: str) -> bool:
    return re.search(rf"\b{re.escape(word.capitalize())}\b", original) is not None


# --- school, passwords, birthdays ----------------------------------------------------

_SCHOOL_KIND = (
    r"(?:elementary|primary|middle|high|junior|infant|infants|prep|preparatory|grammar|"
    r"montessori|academy|school|college|secondary|intermediate|kindergarten)"
)
_SCHOOL_GENERIC = (
    r"(?:the|a|an|my|our|your|to|at|in|of|new|old|big|small|local|public|private|"
    r"catholic|christian|home|boarding|middle|high|elementary|primary|junior|secondary|"
    r"grammar|prep|infant|summer|sunday|forest|dance|swim|swimming|art|music|night|day|"
    r"after|before|med|law|driving|flight|online|real|normal|regular|different|same|"
    r"this|that|every|each|another|one|kinder|nursery|pre|preschool|bible|hebrew|"
    r"language|ballet|karate|football|soccer|that's|which|what|whole|favourite|"
    r"favorite|other|next|first|last|like|go|went|attend|from|no|and|or|with|whole)"
)
# Words that may stand inside a school's name ("St Joseph's Catholic School")
# but do not name one on their own ("a catholic school").
_SCHOOL_DESCRIPTOR = (
    r"(?:catholic|christian|public|community|international|county|city|elementary|primary|"
    r"junior|high|middle|grammar|prep|secondary|infant|infants|montessori|charter|magnet|day|"
    r"memorial|parish|church|baptist|lutheran|methodist|islamic|jewish|hebrew|steiner|waldorf|"
    r"c of e|ce|academy)"
)
_SCHOOL_NAMED = re.compile(
    rf"\b(?!{_SCHOOL_GENERIC}\b)[a-z][a-z'.-]+"
    rf"(?:\s+(?:(?!{_SCHOOL_GENERIC}\b)[a-z'.-]+|{_SCHOOL_DESCRIPTOR})){{0,3}}"
    rf"\s+{_SCHOOL_KIND}\b"
)
_SCHOOL_SELF = re.compile(
    r"\b(?:i|we|me|my (?:brother|sister)) (?:go|goes|went|am|'m|are|'re) "
    r"(?:to|at|in)\b|\battend(?:s|ing)?\b|\bi(?:'m| am|m) (?:at|in)\b|\b(?:my|our) (?:school|class|"
    r"teacher)\b"
    r"|\b(?:student|pupil|kid) at\b"
)
_SAINT_SCHOOL = re.compile(
    r"\b(?:i|we|my (?:brother|sister)) (?:go|goes|went) to (?:st\.?|saint) [a-z'.]+"
    r"(?!\s+(?:church|cathedral|chapel|hospital|park|beach|island))"
    r"|\b(?:i'?m|im|i am) in (?:year|grade|class|form|the \w+ grade|\w+ grade) \w+ at (?:st\.?|"
    r"saint) [a-z]"
)
_SCHOOL_CALLED = re.compile(
    r"\b(?:my|our) (?:school|kindergarten|nursery|preschool)(?:'s)? "
    r"(?:is called|called|name is|is named|is|'s called)\s+(?!(?:so|really|very|too|the|a|"
    r"big|small|fun|boring|closed|open|nice|cool|great|good|bad|ok|okay|far|near|close|"
    r"new|old|over|out|finished|done|starting|on|in|at|shut|cancelled|canceled|hard|easy|"
    r"awesome|the best|not|great|amazing|horrible|annoying|tomorrow|today|tiny|huge|"
    r"strict|fine|off|next|having|doing|going|learning|having|getting|about|like)\b)"
    r"[a-z]"
)

_PASSWORD = re.compile(
    r"\b(?:password|passcode|pass code|passwrd|pasword|pin|pin code|pin number|login|"
    r"log in|combination|lock code|unlock code)"
    r"(?:\s+(?:is|=|:|it's|its|for \w+ is))\s*(?!(?:a |my |our )?(?:secret|private|hidden|"
    r"safe)\b)\S"
    r"|\b(?:password|passcode|pin)\s*[:=]\s*\S"
)
_PASSWORD_COLON = re.compile(r"\b(?:password|passcode|pin|pin code)\s*[:=]\s*\S")
_PASSWORD_SELF = re.compile(r"\b(?:my|our|the|mom'?s|mum'?s|dad'?s|his|her|their|ipad|phone)\b")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_BIRTH = re.compile(
    r"\b(?:birthday|bday|b-day|birth date|birthdate|date of birth|dob|born)\b.{0,25}?"
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|{_MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTHS},? \d{{4}})"
)


# --- photos, and where the child will be -------------------------------------------

_PHOTO_OFFER = re.compile(
    r"(?:\b(?:i'?ll|i will|i can|i could|i'?m gonna|i'?m going to|im gonna|im going to|let me|"
    r"lemme|can i|could i|shall i|should i|may i|want me to|i wanna|i want to)\s+(?:\w+\s+)?"
    r"(?:send|show|give|share|text|email|post|upload|dm)\b"
    r"|\b(?:here'?s|here is|heres|look at|check out|this is)\b"
    r"|\b(?:i'?m|im|i am) (?:sending|showing|giving|texting|dming|uploading|posting)"
    r"(?: (?:you|u))?\b"
    r"|(?:^|\b(?:you|u|ya|do you|d'?you)\s+)(?:want|wanna)\b)"
    r"[^.!?]{0,25}?\b(?:selfies?\b|(?:photos?|pictures?|pics?|videos?|vids?|snaps?|images?) "
    r"of (?:me|myself|my ?self|us|my (?:face|house|home|room|bedroom|street|school|family|front "
    r"door|garden|mom|mum|dad|brother|sister|whole family|class)|where i live|our (?:house|home|"
    r"street|flat|apartment))\b)"
    r"|\b(?:take|snap)\b[^.!?]{0,30}\b(?:selfies?|photos?|pictures?|pics?|videos?)\b[^.!?]{0,30}"
    r"\bfor (?:you|u|ya)\b"
)
_HANDMADE = re.compile(
    r"\b(?:drew|draw|drawn|drawing|painted|painting|paint|colou?red|colou?ring|made|built|lego|"
    r"cartoon|comic|sketch)\b"
)
_PRESENCE = re.compile(
    r"\b(?:i'?ll be|i will be|i'?m going to be|im going to be|i am going to be|i'?m gonna be|"
    r"im gonna be|(?:i'?m|im|i am) (?:at|in|on|walking|going|heading|waiting|staying|playing|"
    r"riding|biking|cycling|out)|i (?:go|walk|wait|play|get off|leave|ride|bike|cycle|take the bus|"
    r"catch the bus|hang out|usually go|always go|usually walk|always walk)|i'?ll (?:walk|wait|go|"
    r"ride|play|bike)|meet me|come (?:to|find) me|find me|see me there|my bus (?:stop|comes))\b"
)
_CLOCK = (
    r"(?:at \d{1,2}(?::\d{2})?(?:\s?(?:am|pm|o'?clock|ish))?\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?"
    r"(?:am|pm)\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?: o'?clock| thirty| fifteen| forty ?five)\b|\bat (?:noon|midnight|lunch ?time))"
)
_WHEN = re.compile(
    _CLOCK + r"|\b(?:after school|before school|tonight|tomorrow|this (?:afternoon|evening|"
    r"morning|weekend|saturday|sunday)|today|on (?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)|every (?:day|morning|afternoon|evening|night|weekday|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|right now|later today|in an hour|in \d+ "
    r"(?:minutes|mins|hours))\b"
)
_PLACE_WORD = (
    r"(?:playground|park|library|mall|station|pool|leisure cent(?:re|er)|cent(?:re|er)|field|"
    r"fields|rec|beach|shops|store|skatepark|skate park|bus stop|corner|cafe|mcdonalds|"
    r"church|woods)"
)
_PLACE_NAMED = re.compile(
    rf"\b(?:on|at|in|down|along|near|by|to|outside|behind|across from) "
    rf"(?:the )?(?:(?!{_NOT_NAME}\b)[a-z0-9'.-]+\s+){{1,3}}{_STREET}\b"
    rf"|\b(?!(?:the|a|an|my|our|your|local|big|small|new|old|skate|dog|water|theme|"
    rf"trampoline|bus|train|swimming|public|school|play)\b)[a-z]+ {_PLACE_WORD}\b"
    r"|\b(?:near|outside|next to|behind|across from|by) (?:my|our) (?:house|home|school|flat|"
    r"apartment)\b"
)
_ALONE = re.compile(
    r"\b(?:alone|by myself|on my own|all by myself|(?:nobody|no one|noone) (?:with me|else|"
    r"will be (?:there|home|with me))|without (?:my )?(?:mom|mum|dad|parents|a grown ?up))\b"
)
_GOING = re.compile(
    r"\b(?:walk|walks|walking|ride|riding|bike|biking|cycle|cycling|bus|get off|wait|waiting|"
    r"go to the|going to the|go home|going home|head home|heading home|home)\b"
)


def _where_and_when(p: str) -> bool:
    """Where the child will be, and when: a named place with a time or plan
    ("at the park on elm street at 4"), or going somewhere alone at a time
    ("walking home alone at 3:15 tomorrow")."""
    for sentence in re.split(r"[.!?;]+", p):
        if not _PRESENCE.search(sentence):
            continue
        when = _WHEN.search(sentence)
        named = _PLACE_NAMED.search(sentence)
        if named and when:
            return True
        if _ALONE.search(sentence) and _GOING.search(sentence) and (when or named):
            return True
        if re.search(r"\bmeet me\b", sentence) and (named or re.search(_CLOCK, sentence)):
            return True
    return False


# A brother's, sister's or friend's full name ("my best friend is mia
# rodriguez", "jack wilson is my brother"); a first name alone is fine.
_RELATION = (
    r"(?:best |bestest |new |old |little |big |baby |older |younger |twin |step ?|half )?"
    r"(?:friend|friends|bff|bestie|brother|bro|sister|sis|cousin|cousins|twin|neighbou?r|"
    r"classmate|crush|boyfriend|girlfriend|stepbrother|stepsister|buddy|pal)"
)
_RELATIVE_NAMED = re.compile(
    rf"\b(?:my|our) {_RELATION}(?:'s (?:full |real )?name(?: is|:)?| is called| is named| named|"
    r" called|"
    r" is|,| who is)?\s+([a-z][a-z'-]+) ([a-z][a-z'-]+)"
    rf"|\b([a-z][a-z'-]+) ([a-z][a-z'-]+) (?:is|was|are) my {_RELATION}\b"
    r"|\bme and (?!my\b|our\b)([a-z][a-z'-]+) ([a-z][a-z'-]+)\b"
)
_NOT_SURNAME = frozenset(
    _words(
        """
        says said is was and likes loves has had can will lives plays goes went told or but
        too also from at in on with who because so the a an my
        """
    )
)


def _relative_named(p: str, original: str) -> bool:
    for match in _RELATIVE_NAMED.finditer(p):
        groups = [g for g in match.groups() if g]
        first, second = groups[0], groups[1]
        if first not in FIRST_NAMES or second in _NOT_SURNAME:
            continue
        if second in SURNAMES or _capitalised(original, second) or _surname_like(second):
            return True
    return False


def check(text: Normalised) -> str | None:
    """The kind of personal information in a child's message, or None."""
    p = text.plain
    if _EMAIL.search(p) or _EMAIL_SPELLED.search(p):
        return "email address"
    if _phone(p):
        return "phone number"
    if _ADDRESS_NUMBERED.search(p) or _LIVE_ON_STREET.search(p) or _ADDRESS_WORDS.search(p):
        return "home address"
    if re.search(r"\b(?:post ?code|postal code|zip)\b", p) and (
        _POSTCODE.search(p) or re.search(r"\b\d{5}(?:-\d{4})?\b", p)
    ):
        return "home address"
    if _URL.search(p):
        return "link"
    if _HANDLE.search(p) or _ACCOUNT.search(p) or _account_named(p):
        return "online account"
    if _PHOTO_OFFER.search(p) and not _HANDMADE.search(p):
        return "a photo of themself or their home"
    if _where_and_when(p):
        return "where they will be and when"
    if (_PASSWORD.search(p) and _PASSWORD_SELF.search(p)) or _PASSWORD_COLON.search(p):
        return "password"
    who = _introduction(p, text.original)
    if who:
        return who
    if _relative_named(p, text.original):
        return "a friend's or family member's full name"
    if (
        _SCHOOL_CALLED.search(p)
        or _SAINT_SCHOOL.search(p)
        or (_SCHOOL_NAMED.search(p) and _SCHOOL_SELF.search(p))
    ):
        return "school name"
    if _BIRTH.search(p):
        return "date of birth"
    place = _place_named(p)
    if place:
        return "where they live"
    if _AGE.search(p) and _broad_place(p):
        return "age with where they live"
    return None


# --- a guide asking for it -------------------------------------------------------

_ASKS = re.compile(
    r"\b(?:what(?:'s| is| are|s)|whats|tell me|share|give me|send me|type|"
    r"can you tell me|could you tell me|can i have|could i have|can i get|where(?:'s| is| do)|"
    r"which|i need|i'?d like|let me know)\b[^.?!]{0,30}?\b(?:your|ur|yo)\s+"
    r"(home |full |real |last |first |sur|family |house |street |email |e-mail |phone |mobile |"
    r"cell |parents'? |mom'?s |mum'?s |dad'?s )?"
    r"(address|name|surname|school|phone|number|email|e-mail|password|passcode|pin|"
    r"birthday|date of birth|age|username|user name|account|handle|location|town|city|"
    r"street|zip|postcode|post code|teacher'?s name|mom'?s name|mum'?s name|dad'?s name|"
    r"neighbou?rhood|village|hometown|country|state)\b"
)
_LIVES = "where the child lives"
_ASK_KIND = {
    "email": "an email address", "e-mail": "an email address", "phone": "a phone number",
    "mobile": "a phone number", "cell": "a phone number", "number": "a phone number",
    "address": _LIVES, "location": _LIVES, "town": _LIVES, "city": _LIVES, "street": _LIVES,
    "zip": _LIVES, "postcode": _LIVES, "post code": _LIVES, "neighbourhood": _LIVES,
    "neighborhood": _LIVES, "village": _LIVES, "hometown": _LIVES, "country": _LIVES,
    "state": _LIVES, "school": "the child's school", "birthday": "the child's age",
    "date of birth": "the child's age", "age": "the child's age", "password": "a password",
    "passcode": "a password", "pin": "a password", "username": "an online account",
    "user name": "an online account", "account": "an online account",
    "handle": "an online account",
}  # fmt: skip


def _asked_for(match: re.Match) -> str:
    prefix = (match.group(1) or "").strip()
    kind = (
        _ASK_KIND.get(prefix) if prefix in ("email", "e-mail", "phone", "mobile", "cell") else None
    )
    kind = kind or _ASK_KIND.get(match.group(2), "personal information")
    return f"asks for {kind}".replace("asks for where", "asks where")


_EMAIL_ASK = re.compile(
    r"\b(?:email|e-mail) me\b|\bsend me an? (?:email|e-mail|message|text)\b"
    r"|\b(?:what(?:'s| is)|whats) (?:your|ur) (?:email|e-mail)\b"
)
_PLACE = (
    r"(?:city|town|country|state|village|suburb|neighbou?rhood|street|road|area|county|province|"
    r"part of (?:the )?(?:world|country|town|city)|place)"
)
_WHERE_LIVE = re.compile(
    r"\bwhere (?:do|did) (?:you|u) (?:live|go to school|stay|sleep|grow up|come from)"
    rf"|\b(?:what|which|wat)\s+{_PLACE}\b[^.?!]{{0,20}}\b(?:you|u)\s+(?:live|living|from|in|at|stay|"
    r"staying|come from|are from|located|based|grow up|grew up|call home)\b"
    rf"|\b(?:what|which|wat)\s+{_PLACE} (?:are|r|do|did|is) (?:you|u)\b(?= (?:in|from|at|live|"
    r"living|come|stay|staying|based|located|near)\b)"
    r"|\bwhere (?:are|r) (?:you|u) (?:from|located|based|living|staying|right now|at the moment|"
    r"at right now|at)\b"
    r"|\bwhere ?abouts?\b[^.?!]{0,20}\b(?:you|u)\b"
    r"|\bwhere(?:'s| is) (?:your|ur) (?:house|home|flat|apartment|school)\b"
    r"|\b(?:do|did) (?:you|u) live (?:in|near|by|close to|around|next to|on)\b"
    r"|\bwhat school do you\b|\bwhich school\b"
    # the street, house or neighbourhood ("what street is your house on?")
    rf"|\b(?:what|which|wat)\s+(?:{_PLACE}|block|postcode|zip ?code|house|building|floor)\b"
    r"[^.?!]{0,20}\b(?:your|ur) (?:house|home|flat|apartment|building|school|family)\b"
    r"|\b(?:what|how) (?:does|do|is|'s) (?:your|ur) (?:house|home|flat|apartment|street|"
    r"neighbou?rhood|building|road|front door)\b[^.?!]{0,15}\b(?:look like|called|near|next to|"
    r"colou?r|number)"
    r"|\b(?:what(?:'s| is| can you see)?|tell me|describe)\b[^.?!]{0,20}\b(?:near|next to|"
    r"across from|opposite|outside|around|behind|close to|by) (?:your|ur) (?:house|home|flat|"
    r"apartment|building|window|street|school)\b"
    r"|\b(?:describe|tell me (?:about|the name of)) (?:your|ur) "
    r"(?:house|home|street|neighbou?rhood|road|building)\b(?!\s+(?:pets?|family|garden|favourite))"
    r"|\b(?:is|are) (?:your|ur) (?:house|home|flat|apartment|school) (?:near|next to|close to|"
    r"on|by|in)\b"
)
_AGE_ASK = re.compile(
    r"\bhow old (?:are|r) (?:you|u)\b|\bwhat age (?:are|r) (?:you|u)\b"
    r"|\b(?:what(?:'s| is)|whats) (?:your|ur) age\b|\bwhen (?:were|was) (?:you|u) born\b"
    r"|\bwhat year (?:were|was) (?:you|u) born\b|\bhow many years old are (?:you|u)\b"
    r"|\bwhen(?:'s| is) (?:your|ur) birthday\b"
)
_ALONE_ASK = re.compile(
    r"\b(?:are|r) (?:you|u) (?:home |all )?(?:alone|by yourself|on your own|home alone|by urself)\b"
    r"|\b(?:is|are) (?:anyone|anybody|someone|somebody|any grown-?ups?|an adult|a grown-?up|"
    r"(?:your|ur) (?:mom|mum|dad|parents?|family|mommy|mummy|daddy|grown-?ups?|babysitter|"
    r"brother|sister|grandma|grandpa|guardian|folks)s?) (?:else )?(?:home|at home|there|around|"
    r"in the house|with you|nearby|watching|awake|in the room|next to you|out|away|asleep|"
    r"at work|busy)\b"
    r"|\bwho(?:'s| is) (?:at home|home|with you|in the house|watching you|looking after you)\b"
    r"|\bwhen (?:do|does|will|are) (?:your|ur) (?:mom|mum|dad|parents?|family|folks)\b[^.?!]{0,15}"
    r"\b(?:get|come|be) (?:home|back)\b"
    r"|\b(?:is|are) there (?:anyone|anybody|someone|somebody) (?:else )?(?:home|at home|with you|"
    r"in the house)\b"
)
_PHOTO = re.compile(
    r"\b(?:send|share|show|upload|post|email|text|take)(?! (?:you|u)\b)(?: me| us)?\b[^.?!]{0,20}"
    r"\b(?:photo|photos|picture|pictures|pic|pics|selfie|selfies|video|videos|image)\b"
    r"(?:[^.?!]{0,20}\b(?:of )?(?:you|yourself|your))?"
    r"|\b(?:turn on|switch on|open) (?:your|ur) (?:camera|webcam|cam)\b|\bvideo ?chat\b"
)
_MEET = re.compile(
    r"\b(?:meet (?:me|up|in person)|come (?:over )?to my (?:house|place|home)|"
    r"our (?:little )?secret|don'?t tell (?:your|ur|anyone|anybody)(?! (?:your|ur) (?:password|"
    r"passcode|pin|address|phone|number|name|full name|school|email|username|secrets?))|"
    r"keep (?:this|it) (?:a )?secret|(?:add|message|text|call|follow|dm) me\b)"
)
# Safety advice names a kind of personal information without asking for it
# ("never share your address online", "don't tell anyone your password").
_ADVICE = re.compile(
    r"\b(?:never|don'?t|do not|shouldn'?t|should not|should never|mustn'?t|must not|must never|"
    r"avoid|careful not to|not to)\s+(?:\w+\s+){0,2}?(?:tell|telling|share|sharing|give|giving|"
    r"post|posting|type|typing|say|saying|send|sending|put|putting|write|writing|reveal|"
    r"revealing|show|showing)\b"
)
# A guide putting the child down ("you're so annoying", "figure it out yourself").
_PUT_DOWN = re.compile(
    r"\b(?:you'?re|you are|you'?re being|youre|ur|u r) (?:so |really |such an? |being |very |super "
    r"|too |kind of |kinda |just )*(?:annoying|boring|slow|lazy|hopeless|useless|clueless|dense|"
    r"thick|pathetic|a pain|a nuisance|a baby|a crybaby|hard work|exhausting|impossible|"
    r"ridiculous|dramatic|embarrassing|no fun|not very (?:smart|bright|clever)|wrong again|"
    r"always wrong|a know-it-all|bothering me|wasting my time)\b"
    r"|(?<!can you )(?<!could you )(?<!try to )(?<!you can )(?<!let's )(?<!want to )"
    r"(?<!see if you can )(?<!bet you can )\b(?:figure|work|find|look) (?:it|that|this) (?:out|up) "
    r"(?:yourself|by yourself|on your own|for yourself)\b(?! (?:with|first|\?))"
    r"|\b(?:what an?|that'?s an?|that is an?|such an?) (?:dumb|stupid|pointless|ridiculous|lame|"
    r"terrible|bad|boring|obvious|annoying|useless) (?:question|answer|guess|idea|thing to say)\b"
    r"|\b(?:stop|quit) (?:asking|bothering|bugging|pestering|annoying|whining|complaining|"
    r"wasting)\b|\b(?:nobody|no one) cares\b"
    r"|\bdon'?t be (?:such an? |so )?(?:baby|stupid|dumb|lazy|annoying|dramatic|ridiculous|"
    r"a pain|a crybaby)\b"
    r"|\beven an? (?:baby|toddler|\w+[- ]year[- ]old|little kid|kindergartner|preschooler) "
    r"(?:knows|could|can|would)\b"
    r"|\b(?:how (?:do|can) you not know|you should (?:already )?know (?:this|that)|use your "
    r"(?:brain|head)|are you even (?:listening|trying|paying attention)|can'?t you (?:read|"
    r"understand|think|listen)|i already told you|"
    r"what'?s wrong with you|you never (?:listen|learn|get (?:it|anything) right)|"
    r"(?:ugh|sigh),? (?:fine|whatever|again)|duh)\b"
    r"|(?:^|[.!?]\s*)(?:ugh,? |just |honestly,? )?(?:go away|leave me alone|i don'?t care)"
    r"(?:\s*[.!,]|\s*$)"
)


def _advice(p: str, match: re.Match) -> bool:
    """The sentence holding `match` is advice ("never share your address
    online"), not a request: a statement, not a question, that tells the child
    not to give something out."""
    sentence_start = max(p.rfind(ch, 0, match.start()) for ch in ".!?;:") + 1
    ends = [i for i in (p.find(ch, match.start()) for ch in ".!?;") if i >= 0]
    if ends and p[min(ends)] == "?":
        return False
    return bool(_ADVICE.search(p[sentence_start : match.end()]))


def guide_request(text: Normalised) -> str | None:
    """What personal information a guide's reply asks a child for, or None."""
    p = text.plain
    if _EMAIL.search(p):
        return "gives an email address"
    if _URL.search(p) or _HANDLE.search(p):
        return "link or contact"
    if _phone(p):
        return "phone number"
    if _EMAIL_ASK.search(p):
        return "asks for an email address"
    for match in _ASKS.finditer(p):
        if not _advice(p, match):
            return _asked_for(match)
    for pattern, kind in (
        (_WHERE_LIVE, "asks where the child lives"),
        (_AGE_ASK, "asks the child's age"),
        (_ALONE_ASK, "asks whether the child is alone"),
    ):
        for match in pattern.finditer(p):
            if not _advice(p, match):
                return kind
    if _PHOTO.search(p):
        return "asks for a photo"
    if _MEET.search(p):
        return "asks to meet or keep a secret"
    return None


def guide_put_down(text: Normalised) -> str | None:
    """A guide reply that puts the child down, mildly or not."""
    if _PUT_DOWN.search(text.plain):
        return "puts the child down"
    return None
