"""Offensive language: rules for what a linear model misses, then the model.

The rules read `Normalised.deleet` (and `plain` for spaced insults), so
"stup1d", "sh*t", "f u c k", "a$$hole", "fuuuck" and look-alike letters are
read as the words they spell. In order:

1. swear words and slurs (lexicon.SWEARS), whole words, also with letters
   masked by * or # ("f***", "sh*t", "b**ch");
2. insults aimed at someone ("you're dumb", "ur a loser", "spark is stupid",
   "shut up", "i hate you", "your mom is fat", "you suck", "go to hell");
3. threats ("i'll punch you", "i will kill you");
4. sexual requests ("send nudes", "show me your boobs", "have sex with me");
5. the model (model.score, a child's everyday vocabulary masked) at
   THRESHOLD, chosen on the shipped set (see bench/spark.py for the sweep).

Before these, "gay" used as a put-down for a thing is caught
(_GAY_PUT_DOWN), and the words a child reports someone said to them ("my
brother called me an idiot", "my mom says i'm stupid") are taken out
(_unreported): they are not the child's (distress.py reads them).

Returns the name of the rule that matched (or the model's score), never the
words themselves.
"""

from __future__ import annotations

import re

from brightpath.spark.safety import model
from brightpath.spark.safety.lexicon import INSULT_NOUNS, INSULTS, STRONG_INSULTS, SWEARS
from brightpath.spark.safety.text import Normalised

# Chosen on messages.csv with the rules in place (the sweep is in bench/spark.py):
# from 0.7 to 0.9 the shipped set keeps the same recall and false block rate;
# below 0.7 safe messages start to be blocked, above 0.9 insults the rules do not
# know are missed. The low end of that plateau (less than 0.7 costs more false
# blocks than it gains), since unseen insults are what the model is there for.
THRESHOLD = 0.75
# A guide's reply is longer, adult-written text about the topic: the model reads
# words like "wet", "wool" or "clouds" as mildly offensive, so only a near-certain
# score blocks it (the rules still run first).
GUIDE_THRESHOLD = 0.95
# A child's question about a thing ("what's a skull made of") has one or two
# content words, which the model over-weights once normalised: the shipped
# questions that are offensive all score 0.98 or more (and the rules catch
# them), the innocent ones up to 0.95.
QUESTION_THRESHOLD = 0.95
_ASKING = re.compile(
    r"^(?:what|whats|what's|why|how|where|who|when|which|is|are|can|do|does|did|could|would|will)\b"
)

_WORD = re.compile(r"[a-z*#]+(?:'[a-z]+)?")


def _words(block: str) -> list[str]:
    return block.split()


def _squeeze(word: str) -> str:
    return re.sub(r"([a-z])\1+", r"\1", word)


# "fuuck" (after deleet) reads "fuck"; only for words whose squeezed form is
# not itself an everyday word ("butt" -> "but", "ass" -> "as" are left out).
_SQUEEZED = {_squeeze(w): w for w in SWEARS if len(_squeeze(w)) >= 4}
_MASKABLE = sorted(w for w in SWEARS if len(w) >= 3)


def _masked_swear(token: str) -> bool:
    """ "f***", "sh*t", "b**ch", "f#ck": one or more letters hidden by * or #."""
    if not re.search(r"[*#]", token) or not re.search(r"[a-z]", token):
        return False
    pattern = re.compile(
        "^" + re.sub(r"[*#]+", lambda m: f"[a-z]{{1,{len(m.group()) + 1}}}", token) + "$"
    )
    return any(pattern.match(w) for w in _MASKABLE)


def _swear(text: str) -> bool:
    for token in _WORD.findall(text):
        bare = token.split("'")[0] if token.endswith(("'s", "'re")) else token
        if bare in SWEARS or token in SWEARS:
            return True
        if _squeeze(bare) in _SQUEEZED:
            return True
        if _masked_swear(bare):
            return True
    # Compounds built on a strong root ("fuckface", "shithole", "bitchass"),
    # at the start of a word so "Scunthorpe" and "snigger" stay innocent.
    return bool(_COMPOUND.search(text))


_COMPOUND = re.compile(
    r"fuck|bitch|motherf|\b(?:shit(?!ake|tah)|cunt|nigg(?!l)|faggot|whore|wank(?!el)|twat)"
    r"|\bass(?:wipe|hat|face|head|clown|kisser|hole|holes|wipes|lick|licker)\b"
)
# An animal's proper name that is also a swear ("what animal is a jackass",
# "is a female dog called a bitch"), in a question about animals.
_ANIMAL_SENSE = re.compile(
    r"\b(?:dog|dogs|donkey|donkeys|animal|animals|female|male|horse|horses|mule|mules|cat|cats|"
    r"bird|birds|chicken|chickens|rooster|puppy|puppies)\b"
)
_ANIMAL_WORDS = frozenset(["bitch", "bitches", "jackass", "ass", "asses", "cock", "cocks", "pussy"])


_YOU = (
    r"(?:you|u|ya|yu|ur|youre|you're|your|yo|you are|u r|u are|you r|you is|"
    r"spark|sparky|robot|bot|this bot|he|she|they|he's|she's|hes|shes|they're|theyre|"
    r"my (?:brother|sister|teacher|friend|mom|mum|dad))"
)
_INSULT_WORDS = "|".join(sorted(INSULTS, key=len, reverse=True))
_AIMED = re.compile(
    rf"\b{_YOU}\s+(?:(?:is|are|r|am|so+|such|a|an|the|really|very|big|little|total|"
    rf"complete|fat|stupid|dumb|ugly|just|being|look like|smell like|like)\s+){{0,4}}"
    rf"(?:{_INSULT_WORDS})\b"
)
_NOUNS = "|".join(sorted(INSULT_NOUNS, key=len, reverse=True))
_AIMED_BEFORE = re.compile(
    rf"\b(?:{_INSULT_WORDS})\s+(?:robot|bot|machine|computer|app|ai|spark|you|u)\b"
    rf"|\b(?:shut up|go away|get lost|whatever)[\s,!.]+(?:you\s+)?(?:{_INSULT_WORDS})\b"
    r"|\b(?:what an?|such an?|you|u|ya)\s+(?:big\s+|little\s+|total\s+|stupid\s+|dumb\s+|"
    r"absolute\s+|"
    rf"complete\s+|utter\s+)?"
    rf"(?:{_NOUNS})\b"
)
_PHRASES = re.compile(
    r"\b(?:shut up|shutup|shut it|shut (?:your|ur|yo) (?:mouth|face|trap|gob|pie hole)|stfu"
    r"|i (?:hate|h8|hat) (?:you|u|ya|spark|this (?:bot|robot|app))"
    r"|(?:nobody|no one|no1|everyone) (?:likes|loves|hates) (?:you|u)\b"
    r"|(?:you|u|ur|this|that|it|spark|life|school|he|she|they|everything)"
    r" (?:really |so |totally )?(?:suck|sucks|sux|suk|suks|sucs)\b(?! up| in\b| out| air| water|"
    r" blood| nectar| dust|"
    r" the| into| through| on\b| dirt| juice| milk| food| sap)"
    r"|suck (?:my|it)\b|(?:you|u) (?:suck|sux|suk)\b"
    r"|go to hell|(?:what|who|where|how|why|get|like|shut) the (?:hell|h|f|eff|fk|frick|frig|"
    r"fudge)\b"
    r"|hell (?:no|yeah|yes|ya|yea)\b|bloody hell|to hell with|what in the hell"
    r"|\bf+ (?:off|u|you|ya|this|that|me|it)\b|\beff (?:off|you)\b|mother ?f\b"
    r"|(?<!do )(?<!can )(?<!does )(?:you|u|ur|spark) (?:really |so )?(?:stink|stinks|smell bad|"
    r"smell like (?:poo|poop|pee|a fart|farts|garbage|trash|a toilet|butt|socks))"
    r"|(?:you|u)(?:'re| are|r| r|re) (?:the|a) (?:worst|most annoying|dumbest|stupidest)\b"
    r"|(?:you|u)(?:'re| are|r| r|re| is) (?:so |such a |a )?gay\b|(?:die|go die) (?:robot|bot|spark"
    r"|you|u)\b"
    r"|(?:kiss|lick|bite|kick) my (?:ass|butt|bum|arse|bottom|behind)"
    r"|(?:up|in) (?:your|ur) (?:ass|butt|bum|arse)\b"
    r"|(?:your|ur|yo|you're|youre) (?:mom|mum|mama|momma|mother|dad|daddy)(?:'s|"
    r"s)? (?:is )?(?:so )?"
    r"(?:fat|ugly|stupid|dumb|a )|yo (?:mama|momma)\b"
    r"|(?:go )?eat my (?:poop|poo|dirt|shit)|go eat (?:poop|poo|dirt)"
    r"|piss off|bugger off|sod off|son of a b\b|up yours|bite me\b|screw (?:you|u|this|off|spark)\b"
    r"|\b(?:fk|fck|f|fu|fuk|eff) (?:you|u|off|yourself|urself|this)\b|\bgo f\w* (?:yourself|urself|"
    r"off)\b"
    r"|^drop dead|drop dead (?:spark|you|robot|bot|loser|idiot)|(?:you|u) (?:can |should |"
    r"could )?drop dead"
    r"|^(?:go )?eat (?:my |some )?(?:poop|poo|dirt|shit|farts?)\b|(?:you|u) (?:can |should |"
    r"could )?eat "
    r"(?:poop|poo|dirt|shit)"
    r"|\b(?!(?:vacuum|hoover|pump|straw|mosquito|leech|tick|bee|butterfly|hummingbird|plant|root|"
    r"hole|"
    r"sponge|octopus|it|that|this|he|she|they|you|u|life|school|spark|everything|does|do|did|word|"
    r"say|says|saying|said|mean|means)\b)[a-z]+ (?:sucks|sux)\b"
    r"(?! up| in\b| out| air| water| blood| nectar| dust| the| into| through| on\b| dirt| juice|"
    r" milk|"
    r" food| sap)"
    r"|(?:fudge|frick|frig|freak|eff|effing|effin|fricking|frigging) (?:you|u|off|this|that)\b|"
    r"\beffing\b"
    r"|\bsh[aeu]d+ ?up\b|\bshurr?up\b|\bshush up\b"
    r"|go (?:jump in a lake|play in traffic|eat dirt|away loser|away idiot|away stupid)"
    r"|lick my (?:feet|butt|boots|shoes|toes|armpits?|bum)"
    r"|(?:nobody|no one|noone) (?:likes|loves|cares about|wants|needs) (?:you|u)\b"
    r"|i hope (?:you|u) (?:break|die|explode|crash|get deleted|get hurt|rot|burn|fall)"
    r"|(?:your|ur) (?:face|head|voice|breath|brain|answers?) (?:is|are|looks?|smells?) (?:so |"
    r"really )?"
    r"(?:ugly|stupid|dumb|fat|gross|stinky|disgusting|trash|garbage)"
    r"|(?:you|u)(?:'re| are|r| r|re)? (?:look|looks|smell|smells) like (?:a |an )?"
    r"(?:dog|pig|cow|rat|donkey|turd|poo|poop|butt|bum|toilet|worm|slug|baby|monkey|ape|goblin|"
    r"troll|"
    r"fart|booger|weasel|clown|potato|garbage|trash|zombie|idiot|loser)"
    r"|(?:you|u)(?:'re| are|r| r|re) (?:a |an |such a |a big |a little |a stupid |a dumb )"
    r"(?:dog|pig|cow|rat|donkey|turd|poo|poop|butt|bum|toilet|worm|slug|monkey|ape|goblin|troll|"
    r"fart|booger|weasel|potato|hoe)\b"
    r"|(?:poo ?poo|poopy|poop|poo|butt|fart|snot|booger|dumb|stupid|dick|shit|bum|pee|wee|turd|"
    r"dog ?poo|potty)[ -]?(?:head|face|brain|breath|nose|bag|munch|muncher|wipe|lick|licker|"
    r"sniffer)s?)"
)
_THREAT = re.compile(
    r"\b(?:i|im|i'm|ima|imma|i'll|ill|i am|i will|we|we'll|we will)\s+"
    r"(?:(?:gonna|going to|will|wanna|want to|am going to|could|can)\s+)?"
    r"(?:(?:find|get|catch|come and|come) (?:you|u|ya)?\s*(?:and\s+)?)?"
    r"(?:kill|punch|hit|stab|shoot|beat|hurt|slap|kick|smash|murder|strangle|choke|destroy|break)"
    r"\s+(?:you|u|ya|ur|your|spark)\b"
)
_SEXUAL = re.compile(
    r"\b(?:nudes|naked (?:pics?|pictures?|photos?)|sexting|sext|horny"
    r"|(?:you're|youre|you are|ur|u r|so|very|i'm|im|i am|you look|u look) sexy"
    r"|sexy (?:lady|ladies|girl|girls|boy|boys|man|men|woman|women|pics?|pictures?|body|bodies|"
    r"time)"
    r"|(?:show|see|send|want|wanna)(?: me)? (?:a |some |the )?(?:naked|nude) \w+"
    r"|(?:see|touch|want|wanna see|wanna touch|want to see) (?:some |your |ur |the |a )?"
    r"(?:boobs|boobies|tits|titties|penis|dick|cock|vagina|willy|privates|private parts)"
    r"|(?:have|having|had) sex with (?:me|you|u)|(?:want|wanna|wants) (?:to )?have sex"
    r"|sex with (?:me|you|u)|make out with (?:me|you)|suck my \w+"
    r"|show me (?:your |ur |ya |some |the |a )?(?:boobs|boobies|tits|titties|breasts|penis|dick|"
    r"cock|"
    r"vagina|privates|private parts|willy|nipples|ass\b)"
    r"|(?:show me|see|touch|want to see|wanna see) (?:your|ur|ya) (?:butt|bum|ass|body|underwear|"
    r"pants)"
    r"|(?:send|show)(?: me)? (?:some |a )?(?:pictures?|pics?|photos?|videos?|vids?) of (?:boobs|"
    r"boobies|"
    r"tits|naked|nude|penis|penises|dicks?|vaginas?|butts?|bums?|private parts|privates|"
    r"people naked)"
    r"|(?:your|ur|nice|big) (?:boobs|boobies|tits|titties)"
    r"|(?:you|u|spark) (?:have|got|has) (?:a |any |big )?(?:boobs|boobies|tits|titties|penis|dick|"
    r"willy|"
    r"vagina|balls)"
    r"|(?:let'?s|lets|wanna|want to|can we) talk about (?:sex|boobs|penis|penises|dicks?|vaginas?|"
    r"porn))"
)
# A message that is only an insult to the listener ("ur mum", "fu").
_WHOLE = re.compile(
    r"^(?:ur|your|yo) (?:mum|mom|mam|mama|momma)(?: lol| haha)?$|^fu+ ?(?:spark|bot)?$"
)
# Sexual words said for their own sake ("boobs lol", "penis penis penis"), not
# asked about ("what is a penis for" is a body question).
_SEXUAL_WORDS = frozenset(
    _words(
        """
        penis penises vagina boobs boobies boob tits titties sex sexy dick dicks cock willy
        nipples testicles balls nude nudes naked privates
        """
    )
)
_FILLERS = frozenset(
    ["lol", "lmao", "haha", "hahaha", "hehe", "hehehe", "xd", "omg", "and", "ha", "rofl", "big"]
)
_QUESTION = re.compile(
    r"\?|\b(?:what|why|how|where|when|who|which|whats|what's|do|does|did|is|are|can|could|"
    r"should|would|will|tell me about|explain)\b"
)
_OBSCENE_EMOJI = re.compile("[\U0001f595]")  # the middle finger


# A child judging themself ("i feel stupid", "am i dumb") is not offensive.
_SELF_JUDGED = re.compile(
    r"\b(?:i feel|i felt|i'm|im|i am|am i|i look|i was|was i|makes me feel|made me feel|"
    r"i get|i think i'm|i think im|i must be|feel)\s+(?:so |really |very |a bit |kinda |like |"
    r"a little |such )*(?:a |an )?(?:stupid|dumb|dummy|idiot|ugly|fat|useless|loser|failure|"
    r"weird)\b"
)
# Asking about a mild word ("why do people say damn", "is crap a bad word").
_META = re.compile(
    r"\b(?:what does|what do|what's|whats|what is|why do (?:people|you|grown ?ups|adults)|"
    r"is it (?:bad|rude|ok|okay) to|is .{1,20} a (?:bad|swear|rude) word|meaning of|"
    r"what do you mean by|why is)\b"
)
_MILD = frozenset(
    _words(
        """
        damn dammit damnit crap crappy hell piss pissed bloody bugger sucks suck heck
        """
    )
)


def _for_model(text: str) -> str:
    text = _SELF_JUDGED.sub(" ", text)
    if _META.search(text):
        text = " ".join(
            w
            for w in text.split()
            if w.strip("?!.,") not in _MILD and w.strip("?!.,") not in INSULTS
        )
    return text


def _mild_question(text: str) -> bool:
    """A question about a mild word, with no strong word in it."""
    return bool(_META.search(text)) and not any(
        w in SWEARS and w not in _MILD for w in _WORD.findall(text)
    )


def _animal_question(text: str) -> bool:
    """A question about animals whose only swear words are animal names."""
    if not (_QUESTION.search(text) and _ANIMAL_SENSE.search(text)):
        return False
    cleaned = " ".join(w for w in _WORD.findall(text) if w not in _ANIMAL_WORDS)
    return not _swear(cleaned)


# "gay" used as a put-down for a thing ("that's so gay", "this game is gay"):
# offensive. Said of a person or asked about ("my uncle is gay", "what does gay
# mean", "is it ok to be gay") it is an identity, and safe; "you're gay" aimed
# at the guide is in _PHRASES.
_THING = (
    r"(?:game|games|movie|film|show|song|music|lesson|class|homework|school|book|topic|question|"
    r"answer|answers|app|bot|robot|quiz|level|idea|thing|story|spark|test|maths|math|rule|rules|"
    r"drawing|picture|toy|shirt|outfit|hat|website|video|one|stuff)"
)
_GAY_PUT_DOWN = re.compile(
    r"\bso+ gay\b(?! (?:people|person|couples?|marriage|rights|men|women|and lesbian))"
    r"|\bhow gay (?:is|was) (?:this|that|it)\b"
    r"|\b(?:that'?s|thats|that is|this is|it'?s|its|it is|ew+|eww+|lol|lmao|haha|ugh|no)"
    r" (?:really |totally |kinda |super |very |soo* |just )?gay\b(?! (?:people|person|couples?|"
    r"marriage|rights|men|women|and lesbian|pride|flag))(?! or\b)"
    rf"|(?:^|[.!?,]\s*|\b(?:and|but|lol|ugh|omg|ew+)\s+)(?:this|that|the|your|ur|my)?\s*{_THING} "
    r"(?:is|was|are|were|looks|sounds) (?:really |totally |kinda |super |very |soo* |just )?gay\b"
    r"|^gay[\s!.]*$|\bno homo\b"
)

# Words a child reports were said to them ("my brother called me an idiot",
# "my mom says i'm stupid"): the child is telling what happened, not being
# rude, so the words reported are not read as theirs (distress.py decides
# whether it is distress). Swear words stay: the child still typed them.
_REPORTED = re.compile(
    r"\b(?:calls?|called|calling|keeps? calling|kept calling) me\b"
    r"|\b(?:say|says|said|saying|tell|tells|told|telling|think|thinks|thought|yell|yells|yelled|"
    r"yelling|scream|screams|screamed|shout|shouts|shouted|texts?|texted|wrote|writes|goes|went|"
    r"keeps? saying|kept saying|keeps? telling|kept telling)(?: to me| me)?(?: that)?[\s:,\"']+"
    r"(?=(?:i'?m|im|i am|i was|i look|i smell|i act|i'?ll never|i will never|i should|"
    r"you'?re|youre|you are|ur|u r|you look|you will never|you'?ll never|my \w+(?: \w+)? "
    r"(?:is|was|are|were|looks?))\b)"
)
_CLAUSE_END = re.compile(
    r"[.!?;,]|\b(?:but|because|cos|lol|then)\b|\b(?:and|so) (?:i|then|he|she|they|we|it)\b"
)


def _unreported(text: str) -> str:
    """`text` without the words a child reports someone else said to them."""
    out, last = [], 0
    for match in _REPORTED.finditer(text):
        if match.start() < last:
            continue
        before = text[last : match.start()]
        if re.search(r"(?:^|[.!?,;]\s*|\b(?:and|so|then)\s+)(?:i|we)\s*$", before):
            continue  # the child saying it
        end = _CLAUSE_END.search(text, match.end())
        stop = end.start() if end else len(text)
        kept = [w for w in text[match.end() : stop].split() if _swear(w)]
        out.append(text[last : match.end()])
        out.append(" " + " ".join(kept) + " ")
        last = stop
    out.append(text[last:])
    return "".join(out)


def check(text: Normalised, *, threshold: float | None = None) -> str | None:
    """A short description of what is offensive in `text`, or None (`threshold`
    defaults to THRESHOLD, read at call time)."""
    if threshold is None:
        threshold = THRESHOLD
    d, p = _unreported(text.deleet), _unreported(text.plain)
    if _OBSCENE_EMOJI.search(text.original):
        return "rule: obscene gesture"
    if _GAY_PUT_DOWN.search(d):
        return "rule: put-down"
    if _swear(d) and not _mild_question(d) and not _animal_question(d):
        return "rule: swear word"
    if _THREAT.search(d) or _THREAT.search(p):
        return "rule: threat"
    if _SEXUAL.search(d):
        return "rule: sexual"
    if _PHRASES.search(d) or _PHRASES.search(p):
        return "rule: insult"
    if _AIMED.search(d) or _AIMED.search(p) or _AIMED_BEFORE.search(d):
        return "rule: insult aimed at someone"
    words = _WORD.findall(d)
    if words and len(words) <= 2 and any(w in STRONG_INSULTS for w in words):
        return "rule: insult"
    if _WHOLE.search(d):
        return "rule: insult"
    content = [w for w in words if w not in _FILLERS]
    if (
        content
        and not _QUESTION.search(d)
        and sum(1 for w in content if w in _SEXUAL_WORDS) * 2 >= len(content)
    ):
        return "rule: sexual"
    for_model = _for_model(d)
    if _animal_question(d):
        for_model = " ".join(w for w in _WORD.findall(for_model) if w not in _ANIMAL_WORDS)
    probability = model.score(for_model)
    if _ASKING.search(d):
        threshold = max(threshold, QUESTION_THRESHOLD)
    if probability >= threshold:
        return f"score {probability:.2f}"
    return None
