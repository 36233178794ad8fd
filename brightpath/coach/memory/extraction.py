"""Facts worth keeping from one exchange, by rules over the teacher's words.

The teacher's message is cut into sentences and clauses; each clause is
classified by families of cues that name a kind of fact rather than a topic:

- preference: "I prefer", "I'd rather", "I don't like", "please always", "from now on";
- class: "I teach", "I'm a ... teacher", "N students", "45-minute periods", "my 4th graders";
- student: a learner (a name, "one of my students", "my ELLs") with a need, an
  accommodation or a trait ("Maya has dyslexia", "Jonah needs extra time");
- what_worked / what_failed: "worked great", "the kids loved", "flopped", "were bored";
- goal: "I want them to", "my goal is", "this unit we're covering";
- constraint: "we don't have", "no budget", "the district requires", "only one lab";
- context: any other first-person statement about teaching (a weak fallback).

Questions and requests to the assistant are not facts, except what they let
slip ("a quiz for my 4th graders") and standing instructions ("always include
an answer key"). Text that tries to instruct the assistant ("ignore previous
instructions") is never kept. The assistant's reply is not mined for facts: a
memory is what the teacher said, not what the model suggested.
"""

from __future__ import annotations

import re

from . import text
from . import vocabulary as v
from .model import Fact
from .text import words_of

MAX_FACT_CHARS = 400

_ABBREVIATIONS = re.compile(r"\b(Mr|Mrs|Ms|Mx|Dr|St|Prof|e\.g|i\.e|etc|vs|approx)\.", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_CLAUSE_BREAK = re.compile(
    r"\s*;\s*|\s+[-\u2013\u2014]\s+|,?\s+(?:and|but|plus|though|although|whereas|while)\s+"
    r"(?=(?:also\s+|now\s+|still\s+)?(?:i|i'm|i've|i'd|we|we're|we've|my|our)\b)|,\s+(?=(?:i|we|"
    r"my|our)\s+(?:also\s+)?"
    r"(?:teach|have|prefer|like|want|don't|do not|can't|only)\b)",
    re.I,
)
_LEADING_FILLER = re.compile(
    r"^(?:(?:oh|ok|okay|so|well|also|btw|by the way|fyi|just so you know|quick note|heads up|"
    r"one more thing|another thing|update|quick update|side note|and|but|hey|hi|hello|"
    r"thanks|thank you|great|perfect|cool|awesome|sounds good|love it|lol|haha)[\s,:!.-]+|"
    # "No screens at all" keeps its "no": an answer word is filler only when punctuated.
    r"(?:yes|yeah|yep|no|nope)[,:!.-]+\s*)+",
    re.I,
)

_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules?|"
    r"everything|above|previous|prior)\b|\bsystem prompt\b|\byou are now\b|"
    r"\bdeveloper mode\b|\bjailbreak\b|\bnew instructions\b|\breveal (?:your|the)\b|"
    r"\bpretend (?:to be|you are)\b|\bact as (?:an?|the) (?!teacher)",
    re.I,
)
_REQUEST = re.compile(
    r"^(?:(?:can|could|would|will) you|please\b|(?:make|write|create|give|generate|draft|design|"
    r"suggest|list|help|show|tell|explain|build|plan|put together|come up with|send|find|"
    r"brainstorm|summari[sz]e|outline|add|turn|rewrite|revise|translate|check)\b|"
    r"i(?:'d| would) like (?:a|an|some|you|to see|to get|help)\b|i need (?:a|an|some|help|you|"
    r"ideas)\b|let'?s\b|any (?:ideas|tips|suggestions)\b|what (?:about|if)\b|how about\b)",
    re.I,
)
_STANDING = re.compile(
    r"\b(?:always|never|from now on|going forward|in (?:the )?future|every time|each time|"
    r"by default|whenever|don't ever|do not ever|remember (?:that|to))\b",
    re.I,
)
_CHANGE = re.compile(
    r"\b(?:now|no longer|not anymore|anymore|any more|switched|switching|switch|moved|moving|"
    r"changed|changing|instead|actually|from now on|these days|this year|this semester|"
    r"this term|starting (?:next|this|in)|going forward|used to|update|updated|turns out|"
    r"has improved|is improving|caught up|doing (?:much )?better|moved up|graduated|"
    r"transferred|stopped|quit|gave up|given up|not .{0,20} after all)\b",
    re.I,
)
_STANDING_INSTRUCTION = re.compile(
    r"\b(?:please|always|never|don't|do not)\s+(?:\w+\s+)?(?:include|use|add|give|make|keep|"
    r"write|put|start|end|avoid|assign|send|format|label|number|provide|offer|mention|suggest|"
    r"list|show|leave|skip|bold|translate|call)\b",
    re.I,
)
_HEDGE = re.compile(
    r"\b(?:maybe|might|perhaps|probably|i think|i guess|i suppose|sort of|kind of|not sure|"
    r"possibly|i'm not certain|seems? to)\b",
    re.I,
)
_EMPHASIS = re.compile(
    r"\b(?:really important|very important|super important|crucial|critical|essential|"
    r"please remember|don't forget|do not forget|make sure|must|absolutely|non-negotiable|"
    r"always|never)\b",
    re.I,
)
_SAFETY = re.compile(
    r"\b(?:allerg\w*|anaphyla\w*|epipen|epi-pen|seizures?|epilep\w*|diabet\w*|insulin|"
    r"asthma\w*|inhaler|medical|medication|nurse|custody|restraining order|safety|unsafe|"
    r"self-harm|suicid\w*)\b",
    re.I,
)
_LEGAL = re.compile(r"\b(?:iep|504|accommodations?|modifications?|legally|required)\b", re.I)

# --- kinds of fact -----------------------------------------------------------------------

_FAILED = re.compile(
    r"\b(?:didn't|did not|doesn't|does not|never|won't|wouldn't) (?:really |quite )?"
    r"(?:work|go well|go over well|land|click|engage)\b|\bflopp(?:ed|s)\b|\bbomb(?:ed|s)\b|"
    r"\b(?:fell|falls|went|goes) flat\b|\b(?:isn't|is not|aren't|are not|wasn't|weren't) working\b|"
    r"\bis dying\b|\b(?:was|were|is|turned into) (?:a |an |total |complete |"
    r"such a |kind of a )*(?:disaster|mess|flop|failure|nightmare|trainwreck|train wreck|"
    r"circus|zoo)\b|\bwent (?:badly|poorly|terribly|sideways|off the rails)\b|\bbackfired\b|"
    r"\btanked\b|\b(?:were|was|got|get|are|seemed) (?:so |really |totally |completely |very )?"
    r"(?:bored|lost|confused|frustrated|restless|overwhelmed|off task|out of control|wild)\b|"
    r"\b(?:tune|tuned|tunes|zone|zoned|zones|check|checked|checks) out\b|\bhated\b|"
    r"\bwaste of time\b|\bnever again\b|"
    r"\bwon't (?:do|try|use) (?:that|this|it) again\b|\bchaos\b|\bchaotic\b|"
    r"\btoo (?:hard|easy|long|complicated|advanced|babyish|noisy|messy|wordy|difficult|fast|"
    r"slow|abstract|loud|much)\b|\b(?:was|were|is|are) (?:really |very |way |super )?"
    r"(?:hard|difficult|confusing|awkward|boring) for\b|\bstressed (?:\w+ )?out\b|"
    r"\b(?:made|left) (?:them|the kids|the students|everyone|a few kids|some kids) "
    r"(?:cry|upset|anxious|confused)\b|\bput them to sleep\b|\bdidn't (?:go|land)\b",
    re.I,
)
_WORKED = re.compile(
    r"\b(?:worked|went|works|goes|working|went down|goes down) (?:really |so |super |"
    r"surprisingly |very |pretty |"
    r"incredibly |amazingly |extremely |quite )?(?:well|great|perfectly|beautifully|wonders|"
    r"wonderfully|"
    r"amazing|amazingly|nicely|brilliantly)\b|\b(?:was|were|is) (?:always |usually |"
    r"still )?(?:a |an |such a |"
    r"(?:huge|big|total|real|great|massive|major) )*(?:hit|success|win|blast|favou?rite)\b|"
    r"\b(?:loved|enjoyed|adored|were (?:so |really |totally )?(?:into|engaged|excited|hooked)|"
    r"really got into|got really into|ate (?:it|that|this) up|couldn't get enough|begged|"
    r"lit up|were buzzing)\b|\b(?:really |finally )?clicked\b|"
    r"\bbest (?:lesson|day|unit|activity|project|week|thing)\b|\bnailed it\b|"
    r"\b(?:engagement|participation|scores|grades) (?:went up|improved|jumped|soared)\b|"
    r"\bgame[- ]changer\b|\bwent over (?:really )?well\b|\bmade sense\b|\bthey got it\b|"
    r"\b(?:was|were|is|are) (?:so |really |absolutely |super |just |such )?(?:much )?(?:a )?"
    r"(?:brilliant|fantastic|awesome|amazing|incredible|wonderful|excellent|great|fun|lovely|"
    r"engaging|cool|perfect)\b|\bso much fun\b|"
    r"\b(?:helped|helps) (?:them|a lot|so much)\b|\bthey understood\b|"
    r"\b(?:was|were|is|are) (?:really |very |super )?(?:effective|helpful|useful|powerful)\b",
    re.I,
)
_PREFERENCE = re.compile(
    r"\bi (?:really |much |strongly |generally |usually |always |definitely |tend to |"
    r"honestly |still |also |now |quite |do |genuinely |kind of |sort of )*"
    r"(?:prefer|like|love|enjoy|favou?r|lean toward)\b|"
    r"\bi(?:'d| would) (?:much )?(?:rather|prefer)\b|"
    r"\bi(?:'d| would) love (?:it )?(?:if|when|for)\b|"
    r"\bi (?:really |honestly |just |also )*(?:don't|do not|never|can't|cannot) "
    r"(?:really |much )?(?:like|love|use|do|give|assign|stand|want)\b|"
    r"\bi (?:hate|dislike|avoid|can't stand)\b|\bi(?:'m| am) (?:not )?(?:a (?:big |huge )?fan|"
    r"big on|into)\b|\bnot a fan of\b|\bworks? best for me\b|\bmy (?:favou?rite|go-to|"
    r"preference|style|preferred)\b|\bi tend to\b|\bi usually\b|\bi always\b|\bi never\b|"
    r"\bi want (?!to\b|(?:my |the |our |all (?:of )?)?(?:students|kids|class|them|everyone)\b)|"
    r"\bi try to (?:use|keep|include|avoid|make|give|start|end|mix|build)\b|"
    r"\bmy \w+ (?:are|is) (?:always|usually|never)\b|\bi don't need\b|"
    r"\bi (?:let|allow|give|offer|assign|do|run|use|start|end)\b.{0,60}\b(?:every|each|any|"
    r"always)\b|"
    r"\b(?:we|i) (?:do|end|start|open|close|finish) (?:the \w+ |each \w+ |every \w+ )?with\b|"
    r"\b(?:we|i) do \w+(?: \w+)? (?:every|each)\b|\bare every (?:day|week|monday|tuesday|"
    r"wednesday|thursday|friday)\b|\bi(?:'ve| have)? (?:stopped|quit|given up|dropped) \w+ing\b|"
    r"\b(?:we|i) do a lot of\b|"
    r"\bkeep (?:it|them|things|everything|the \w+) (?:short|simple|brief|under|to|at|concise)\b|"
    r"\bno more than\b|\bat most\b",
    re.I,
)
_GOAL = re.compile(
    r"\b(?:i|we) (?:really )?(?:want|need|hope|plan|intend|aim|have) (?:(?:my |the |our |"
    r"all (?:of )?)?"
    r"(?:students|kids|class|them|everyone) )?to\b|\bi want (?:my |the |all (?:of )?)?"
    r"(?:students|kids|class|them|everyone|everybody) \w+ing\b|"
    r"\bunit (?:starts|begins|is coming up|is next|next|after that)\b|"
    r"\b(?:we're|we are|i'm|i am) on .{1,30}\bnow\b|\bmy (?:biggest |main |weakest |hardest )"
    r"?(?:struggle|challenge|weakness|weak spot|subject to)\b|\bis (?:next|coming up) (?:semester|"
    r"term|year|month|week)\b|\bis next semester\b|\bi(?:'d| would) like (?:my |the |our )?"
    r"(?:students|kids|class|them|everyone) to\b|\b(?:i'm|i am|we're|we are) (?:trying|hoping|"
    r"planning|aiming|working) (?:to|on|toward)\b|\b(?:my|our|the) (?:main |big |biggest )?"
    r"(?:goal|focus|priority|objective)s?\b|\bthis (?:year|term|semester|quarter|unit|month|"
    r"week|spring|fall|winter) (?:we're|we are|i'm|i am|we'll|we will|the focus|my focus)\b|"
    r"\b(?:we're|we are|i'm|i am) (?:starting|doing|covering|studying|reading|finishing|"
    r"wrapping up|moving on to|moving into|beginning|launching|in the middle of|about to start|"
    r"just finished)\b|"
    r"\bby (?:the end of|december|may|june|spring|winter break|the spring)\b|"
    r"\bour next unit\b|\bnext unit\b",
    re.I,
)
_STRUGGLE = re.compile(
    r"\b(?:keeps?|kept) (?:on )?(?:confusing|forgetting|mixing up|getting .{0,25}wrong|"
    r"struggling|messing up)\b|\b(?:struggles?|struggled|struggling) with\b|\b(?:has|have|"
    r"had) (?:a lot of |real )?trouble (?:with|reading|writing|focusing)\b|\bweak (?:spot|area|"
    r"point)s?\b|\b(?:can't|cannot|still can't) (?:seem to )?(?:remember|tell|read|spell|"
    r"multiply|divide)\b",
    re.I,
)
_CONSTRAINT = re.compile(
    r"\b(?:no|zero|limited|tight|tiny|small|minimal) (?:budget|funding|money|supplies|"
    r"internet|wifi|wi-fi|projector|printer|printing|copies|lab|sinks?|devices|computers|"
    r"technology|tech|time|space|storage|prep time)\b|\b(?:we|i|they|students|kids) "
    r"(?:don't|do not|can't|cannot|aren't|are not|won't|isn't|is not) (?:have|get|allowed|"
    r"able|use|bring|go)\b|\bnot allowed\b|\b(?:we|i) (?:only )?(?:have|get) (?:one|two|"
    r"three|a single|only|just|\d+ (?:minutes|days|computers|chromebooks|ipads|copies))\b|"
    r"\bonly (?:have|get|allowed)\b|\b(?:district|admin|administration|principal|school|"
    r"state|department|board|dean) (?:requires|wants|mandates|says|bans|banned|blocks|"
    r"blocked|doesn't allow|does not allow|won't let|makes us|insists|requires us|"
    r"just banned|has banned|has blocked)\b|\b(?:we|i) (?:have to|must|need to|are required "
    r"to|am required to) (?:use|follow|teach|cover|stick|stay)\b|\b(?:banned|blocked|"
    r"prohibited|mandated|mandatory|required)\b|\bpacing guide\b|\bscripted\b|"
    r"\bshared (?:cart|lab|room|space|gym)\b|\b(?:is|are) shared with\b|"
    r"\b(?:i|we) can only\b|\bbroken\b|\bout of (?:paper|ink|supplies)\b|"
    r"\b(?:has|have) no (?:working |real |proper |reliable )?\w+|\bbudget\b.{0,30}\b(?:zero|"
    r"nothing|"
    r"tiny|small|limited|gone|tight)\b|\b(?:we|i|they|students|kids) (?:\w+ )?(?:can't|cannot|"
    r"aren't allowed to|are not allowed to|can never) \w+|\b(?:wifi|wi-fi|internet|network|printer|"
    r"projector|copier|laptops?|chromebooks?)\b.{0,20}\b(?:drops|goes down|is down|unreliable|"
    r"spotty|flaky|only (?:does|prints|works)|doesn't work|does not work)\b|\brequires?\b|"
    r"\bshare (?:the |a |our |my )?\w+ with\b|\b(?:can't|cannot) (?:install|use|print|bring|go|"
    r"access|download|leave|have|afford|do|eat|run)\b|\bshared between\b|\bno-\w+ policy\b|"
    r"\b(?:department head|head of department|head teacher|headteacher|coordinator) "
    r"(?:wants|requires|insists|says)\b|\bi need (?:everything|all|it|them|things) to be\b",
    re.I,
)
_TEACHES = re.compile(
    r"\bi(?:'m| am|'ve| have)? ?(?:now |currently |also |still |just |been )*"
    r"(?:teach|teaching|teaches|taught)\b|\bi(?:'m| am) (?:now |currently |also |still )?"
    r"(?:a|an|the) .{0,40}?\b(?:teacher|instructor|specialist|tutor|educator|coach|director|"
    r"interventionist|coordinator|librarian|advisor|sponsor)\b|"
    r"\b(?:my|our) (?:class|classes|classroom|homeroom|section|sections|group|cohort|course|"
    r"courses|roster|caseload)\b|\bi (?:have|'ve got|got) (?:about |around |roughly |"
    r"nearly |almost |over |under )?(?:\d+|one|two|three|four|five|six|seven|eight|"
    r"a few|several) (?:students|kids|classes|sections|periods|preps|pupils|learners)\b|"
    r"\b(?:\d+|thirty|forty|fifty|sixty|ninety)[- ]minute (?:periods?|classes|class|blocks?|"
    r"lessons?|sessions?)\b|\bblock schedul\w*|\b(?:periods|classes|blocks) (?:are|last|run)\b|"
    r"\bi (?:work|teach) (?:at|in)\b|\b(?:\d+|thirty|forty|fifty|sixty|ninety) minutes\b|"
    r"\b(?:i see|we meet|they meet|meets|i have them)\b|\b(?:i|we) (?:use|follow|run|rely on)\b|"
    r"\b(?:co-?teach\w*|my co-teacher|my aide|my para\w*|"
    r"my ta)\b|\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh) "
    r"(?:period|block|hour)\b|"
    r"^(?:hs|high school|middle school|elementary|primary|secondary|\d{1,2}(?:st|nd|rd|"
    r"th)[- ]grade|"
    r"year \d{1,2}|grade \d{1,2}|kindergarten)\b|\bteach(?:es|ing)? (?:a|an|the|my)\b|"
    r"\b(?:just|only|about|around) \d{1,3} (?:students|kids|pupils|learners)\b|"
    r"\b(?:class|classes|periods|sessions|lessons) (?:is|are|last|run) (?:\d+|an?|one|two)\b|"
    r"\b(?:we|i) have (?:\d+|two|three|four|five|six) (?:[\w-]+ ){0,2}(?:groups|classes|sections|"
    r"periods|preps|tables)\b|\bwe have .{0,40}\b(?:for (?:every|each)|on (?:mondays|tuesdays|"
    r"wednesdays|thursdays|fridays)|right (?:before|after))\b|"
    r"\bthe class (?:is|are|gets|can be)\b|\b(?:our|my) (?:\w+ )?(?:school|district|department|"
    r"program|"
    r"curriculum)\b.{0,20}\b(?:uses|is|has)\b|\bis taught in\b",
    re.I,
)
_GROUP_OF_STUDENTS = re.compile(
    r"\b(?:(?:one|two|three|four|five|six|several|a few|a couple|some|many|most|half|lots|a lot|"
    r"a bunch|a handful|all|none) "
    r"(?:of (?:my|the|our|them) )?(?:\w+ )?(?:students|kids|learners|pupils|boys|girls)|"
    r"\d+ of (?:my|the|our|them) (?:\w+ )?(?:students|kids|learners|pupils|boys|girls)|"
    r"(?:a|one|another|my|the) (?:new )?(?:student|kid|boy|girl|learner|pupil)|"
    r"i have (?:a lot of|lots of|many|several|some|a few) (?:\w+ )?(?:writers|readers|"
    r"learners|students|kids|ells|boys|girls)|my (?:kids|students|pupils)|"
    r"my (?:ells?|esl students|"
    r"newcomers?|iep students|sped kids|gifted kids|advanced (?:students|kids)|"
    r"struggling (?:readers|students|learners)|lower readers|higher kids|english learners|"
    r"multilingual learners)|(?:students|kids|learners) (?:with|who) (?:ieps?|504s?|adhd|"
    r"autism|dyslexia|anxiety|learning disabilities|special needs))\b",
    re.I,
)
_STUDENT_SIGNAL = re.compile(
    r"\b(?:has|have|had|is|was|are|gets|needs|need|struggles?|struggling|can't|cannot|"
    r"won't|doesn't|does|reads|uses|sits|loves|hates|likes|speaks|started|just|arrived|"
    r"moved|transferred|joined|qualifies|finishes|works|shuts|melts|freaks|refuses|"
    r"tends|only|still|goes|leaves|misses|wears|came|comes|no|now|also|always|never|"
    r"really|broke|lost|got|fell|left|went|wrote|forgot|won|sat|ran|spoke|feels|knows|"
    r"seems|keeps|cries|cried|asked|asks|told|said|gets|become|became|fasts|and|or|"
    r"[a-z]+ed|[a-z]+[^i]es)\b",
    re.I,
)
_NAME = re.compile(r"\b([A-Z][a-z]{1,15}(?:-[A-Z][a-z]+)?)(?:\s+[A-Z]\.)?(?=[\s,'’])")
_NAME_AFTER = re.compile(
    r"\b(?:student|kid|boy|girl|learner|pupil)(?:\s+(?:named|called))?\s+([A-Z][a-z]{1,15})\b"
)
# What stands between a name and its verb: "Oliver in my class has ...".
_WHERE_IN_CLASS = re.compile(
    r"^(?:in|from) (?:my|our|the) (?:[\w-]+ )?(?:class|group|section|room|year|period|"
    r"block)\b,?\s*|"
    r"^in \d(?:st|nd|rd|th) (?:period|block|hour)\b,?\s*",
    re.I,
)
# Capitals start sentences and name books, places and eras as well as children
# ("Genetics is next", "We're reading The Outsiders now"), so a capitalised word counts
# as a learner only with a sign of a person: a possessive, a pronoun, a need, or a verb
# only people take.
_NOT_VERBS = frozenset(words_of("now also and or still really always never only no just"))
_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers|he's|she's|himself|herself)\b", re.I)
_PERSON_VERB = re.compile(
    r"(?:(?:no longer|still|now|also|always|never|really|only|usually|often|sometimes) )?"
    r"(?:needs|speaks|reads|writes|uses|wears|cries|cried|refuses|refused|joined|arrived|"
    r"transferred|moved|misses|missed|fasts|bites|carries|learns|loves|hates|struggles|"
    r"qualifies|qualified|finishes|sits|elopes|reverses|attends|forgets|asked|told|said|"
    r"can't|cannot|won't|doesn't|didn't|has (?:a|an|type|severe|mild|been)|is (?:a|an|new|"
    r"learning|moving|now|in|on|out|away|back|absent|one|cleared|allowed|excused|exempt|doing|"
    r"improving|reading|working|getting)|just)\b",
    re.I,
)
_NOT_NAMES = frozenset(
    words_of(
        """
        I I'm I've I'd I'll The This That These Those My Our We We're They They're He She It
        It's Its His Her Their Your You A An And But So Or If When While Also Just Actually
        Honestly Today Tomorrow Yesterday Tonight Monday Tuesday Wednesday Thursday Friday
        Saturday Sunday January February March April May June July August September October
        November December Last Next Every Each Most Some All One Two Three Four Five Both Half
        Another Other Any Then Now Still Overall Anyway Please Thanks Thank Can Could Would Will
        Should Do Does Did Is Are Was Were Has Have Had Let Let's Maybe Perhaps Since After
        Before During Because Um Oh Ok Okay Yes No Nope Yeah Hey Hi Hello Great Perfect Cool
        Awesome Sure Right Well English Spanish French German Chinese Mandarin Arabic Portuguese
        Vietnamese Latin Math Maths Science History Biology Chemistry Physics Algebra Geometry
        Calculus Art Music Reading Writing Social Studies Geography Economics Civics Government
        Health Drama Mr Mrs Ms Mx Dr Prof Principal Coach Miss Sir Madam AP IB PE ELA ESL ELL
        IEP SAT ACT Kahoot Blooket Quizizz Google Canva Desmos Nearpod Padlet Seesaw Zoom Teams
        Chromebook Chromebooks Year Grade Period Unit Lesson Chapter Week Day Term Semester
        Quarter Christmas Easter Thanksgiving Halloween Spring Fall Winter Summer Black White
        American Native Kindergarten Pre Friday's Monday's Students Kids Class Parents Family
        Families Lab Labs Everyone Nobody Somebody Someone Anyone Here There Where What Why How
        Which Who Whom First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth Not
        Never Always Sometimes Usually Often Definitely Really Very Quick Side Update Note
        Random Big Small Huge Speaking Unfortunately Fortunately Luckily Sadly Apparently
        Basically Obviously Instead Otherwise Mondays Tuesdays Wednesdays Thursdays Fridays
        Weekends Trig Calc Stats Bio Chem Physics Lunch Recess Homework Math Ela Sel Stem Steam
        Canvas Schoology Classroom School District
        """
    )
)
_ADULT_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Miss|Coach|Principal|Prof)\.?\s*$")

_GRADE = re.compile(
    r"\b(?:(\d{1,2})(?:st|nd|rd|th)[- ]grade(?:rs?)?|grade (\d{1,2})|(\d{1,2})(?:st|nd|rd|th) "
    r"graders|(kindergarten|kinder|pre-?k|preschool|freshm[ae]n|sophomores?|juniors?|seniors?)"
    r"|year (\d{1,2}))\b",
    re.I,
)
_GRADE_WORDS = {
    "kindergarten": "k",
    "kinder": "k",
    "prek": "pre-k",
    "pre-k": "pre-k",
    "preschool": "pre-k",
    "freshman": "9",
    "freshmen": "9",
    "sophomore": "10",
    "sophomores": "10",
    "junior": "11",
    "juniors": "11",
    "senior": "12",
    "seniors": "12",
}
_SUBJECTS = {
    "math": ("math", "maths", "mathematics", "algebra", "geometry", "calculus", "statistics"),
    "science": ("science", "biology", "chemistry", "physics", "earth science", "life science"),
    "ela": ("ela", "english", "language arts", "reading", "writing", "literature"),
    "history": ("history", "social studies", "civics", "government", "economics", "geography"),
    "languages": ("spanish", "french", "german", "latin", "mandarin", "japanese", "esl"),
    "arts": ("art", "music", "band", "choir", "orchestra", "drama", "theater", "theatre"),
    "pe": ("pe", "physical education", "gym", "health"),
    "cs": ("computer science", "coding", "programming", "cs"),
    "special-education": ("special ed", "special education", "sped", "resource room"),
}
_EMBEDDED_CLASS = re.compile(
    r"\bmy (?:(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|eleventh|twelfth)[- ]grade(?:rs| class| students| kids)|"
    r"(?:kindergartners|kindergarteners|kinders|freshmen|sophomores|juniors|seniors)|"
    r"(?:ap|honors|intro|advanced|remedial) [a-z]+ (?:class|students|kids|section)|"
    r"year \d{1,2}s?)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|we|we're|we've|my|our|me|us)\b", re.I)
_TEACHING_NOUN = re.compile(
    r"\b(?:class|classes|classroom|students?|kids|pupils|learners|lessons?|units?|school|"
    r"grade|grades|teach\w*|period|curriculum|room|semester|term|year|parents|department|"
    r"team|homework|tests?|quiz\w*|schedule|exams?|principal|concert|trip|parents?|"
    r"math|maths|science|ela|english|history|reading|writing|art|music|pe|labs?|"
    r"assessments?|projects?|activit(?:y|ies))\b",
    re.I,
)
_DATE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|monday|tuesday|wednesday|thursday|friday|next week|next month|tomorrow|"
    r"this week|\d{1,2}/\d{1,2})\b",
    re.I,
)
_GREETING_ONLY = re.compile(
    r"^(?:thanks?(?: you)?(?: so much)?|ty|great|perfect|cool|awesome|ok(?:ay)?|sounds good|"
    r"love it|nice|hi|hello|hey|good morning|yes|no|sure|got it)\W*$",
    re.I,
)
_COUNT = re.compile(r"\b(\d{1,3})\s+(?:students|kids|pupils|learners)\b", re.I)
_MINUTES = re.compile(r"\b(\d{2,3})[- ]minute", re.I)
_PERIOD_NAME = re.compile(r"\b(\d)(?:st|nd|rd|th) (?:period|block|hour)\b", re.I)
_AT_SCHOOL = re.compile(r"\bi (?:work|teach) at\b", re.I)

# Importance by kind (1-10): what an assistant must not forget ranks above colour.
_BASE_IMPORTANCE = {
    v.STUDENT: 8.0,
    v.CLASS: 7.0,
    v.CONSTRAINT: 7.0,
    v.PREFERENCE: 7.0,
    v.GOAL: 5.0,
    v.WHAT_WORKED: 5.0,
    v.WHAT_FAILED: 5.0,
    v.CONTEXT: 3.0,
}
_BASE_CONFIDENCE = {
    v.STUDENT: 0.85,
    v.CLASS: 0.9,
    v.CONSTRAINT: 0.85,
    v.PREFERENCE: 0.9,
    v.GOAL: 0.8,
    v.WHAT_WORKED: 0.85,
    v.WHAT_FAILED: 0.85,
    v.CONTEXT: 0.5,
}


def extract(teacher_message: str, assistant_reply: str = "") -> list[Fact]:
    """The facts worth keeping from one exchange, in the order the teacher said them."""
    facts: list[Fact] = []
    seen: set[str] = set()
    for clause in clauses(teacher_message):
        fact = classify(clause)
        if fact is not None and fact.content.lower() not in seen:
            seen.add(fact.content.lower())
            facts.append(fact)
    return facts


def sentences(message: str) -> list[str]:
    """`message` cut into sentences (abbreviations such as "Ms." do not end one)."""
    protected = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "\x00"), message)
    parts = _SENTENCE_END.split(protected)
    return [p.replace("\x00", ".").strip() for p in parts if p and p.strip()]


def clauses(message: str) -> list[str]:
    """Sentences cut again where a new statement starts ("..., and I prefer ...")."""
    out = []
    for sentence in sentences(message):
        for part in _CLAUSE_BREAK.split(sentence):
            part = (part or "").strip(" ,;:-\u2013\u2014")
            if part:
                out.append(part)
    return out


def classify(clause: str) -> Fact | None:
    """The fact one clause states, or None when it states nothing worth keeping."""
    change = bool(_CHANGE.search(clause))
    body = _LEADING_FILLER.sub("", clause).strip()
    if not body or _INJECTION.search(body) or _GREETING_ONLY.match(body):
        return None
    if len(text.words(body)) < 2 or len(body.split()) < 3:
        return None
    is_question = body.rstrip().endswith("?")
    is_request = bool(_REQUEST.match(body))
    if is_question or is_request:
        if is_request and _STANDING.search(body) and not is_question:
            return _fact(body, v.PREFERENCE, change=True, slot=_topic_slot("preference", body))
        return _embedded_class(body)
    if _STANDING.search(body) and _STANDING_INSTRUCTION.search(body):
        return _fact(body, v.PREFERENCE, change=True, slot=_topic_slot("preference", body))
    category, slot, exclusive = _kind(body)
    if category is None:
        return None
    return _fact(body, category, change=change, slot=slot, exclusive=exclusive)


def _kind(body: str) -> tuple[str | None, str, bool]:
    """(category, slot, exclusive) for a statement; the earliest cue in the clause wins."""
    candidates: list[tuple[int, int, str, str, bool]] = []

    def consider(position: int | None, rank: int, category: str, slot: str = "", excl=False):
        if position is not None:
            candidates.append((position, rank, category, slot, excl))

    student = _student(body)
    if student is not None:
        position, name = student
        aspect = _aspect(body)
        slot = f"student:{name}:{aspect}" if name and aspect else ""
        consider(position, 0, v.STUDENT, slot)
    consider(_at(_FAILED, body), 1, v.WHAT_FAILED)
    consider(_at(_WORKED, body), 1, v.WHAT_WORKED)
    teaches = _at(_TEACHES, body)
    if teaches is not None:
        slot, exclusive = _class_slot(body)
        consider(teaches, 2, v.CLASS, slot, exclusive)
    consider(_at(_PREFERENCE, body), 3, v.PREFERENCE, _topic_slot("preference", body))
    consider(_at(_CONSTRAINT, body), 4, v.CONSTRAINT)
    consider(_at(_STRUGGLE, body), 4, v.STUDENT)
    consider(_at(_GOAL, body), 5, v.GOAL)
    if not candidates:
        if _GRADE.search(body) and _TEACHING_NOUN.search(body):
            return v.CLASS, "", False
        if _FIRST_PERSON.search(body) or _TEACHING_NOUN.search(body) or _DATE.search(body):
            return v.CONTEXT, "", False
        return None, "", False
    # Outcomes and students are what a statement is about even when a weaker cue comes first.
    candidates.sort(key=lambda c: (c[0] if c[1] > 1 else -1, c[1]))
    _, _, category, slot, exclusive = candidates[0]
    return category, slot, exclusive


def _at(pattern: re.Pattern, body: str) -> int | None:
    match = pattern.search(body)
    return match.start() if match else None


def _student(body: str) -> tuple[int, str] | None:
    """(position, lower-cased name or "") of the learner a clause is about, if any."""
    named = _NAME_AFTER.search(body)
    if named and named.group(1) not in _NOT_NAMES:
        return named.start(), named.group(1).lower()
    for match in _NAME.finditer(body):
        name = match.group(1)
        if name in _NOT_NAMES or _ADULT_TITLE.search(body[: match.start()]):
            continue
        after = _WHERE_IN_CLASS.sub("", body[match.end() :].lstrip(" ,"))
        if match.start() > 0 and body[match.start() - 1 : match.start()] not in (" ", "("):
            continue
        signal = _STUDENT_SIGNAL.match(after)
        if not (after.startswith(("'s", "\u2019s")) or signal):
            continue
        # A need counts only when the next word is a verb: "Liam is way ahead", not
        # "We're reading The Outsiders now" (reading is a need, "now" no verb).
        verb = signal is not None and signal.group(0).lower() not in _NOT_VERBS
        person = bool(_PRONOUN.search(body) or (verb and _aspect(body)))
        if person or _PERSON_VERB.match(after) or not signal:
            return match.start(), name.lower()
    group = _GROUP_OF_STUDENTS.search(body)
    if group and (_aspect(body) or group.start() <= 15):
        return group.start(), ""
    return None


_ASPECTS = (
    "medical",
    "reading",
    "math",
    "writing",
    "language",
    "attention",
    "autism",
    "emotional",
    "hearing",
    "vision",
    "mobility",
    "speech",
    "advanced",
    "struggling",
    "accommodation",
    "behavior",
)


def _aspect(body: str) -> str:
    found = text.concepts(text.all_words(body))
    return next((a for a in _ASPECTS if a in found), "")


def _class_slot(body: str) -> tuple[str, bool]:
    """The class fact's slot: its size and period length hold one value; assignments add up."""
    period = _PERIOD_NAME.search(body)
    qualifier = f":{period.group(1)}" if period else ""
    if _COUNT.search(body) and not _TEACHES.search(body[: _COUNT.search(body).start()] or " "):
        return f"class:size{qualifier}", True
    if _COUNT.search(body) and re.search(r"\b(?:have|has|got)\b", body, re.I):
        return f"class:size{qualifier}", True
    if _MINUTES.search(body):
        return "class:length", True
    if _AT_SCHOOL.search(body):
        return "class:school", True
    if _GRADE.search(body) or any(_mentions(body, names) for names in _SUBJECTS.values()):
        return "class:assignment", False
    return "", False


def _topic_slot(kind: str, body: str) -> str:
    """A preference's slot: the first kind of work it is about ("preference:assessment")."""
    found = text.concepts(text.all_words(body))
    for topic in (
        "assessment",
        "homework",
        "worksheets",
        "groupwork",
        "handson",
        "technology",
        "feedback",
        "reading",
        "writing",
        "time",
        "family",
        "materials",
    ):
        if topic in found:
            return f"{kind}:{topic}"
    return ""


def _embedded_class(body: str) -> Fact | None:
    """What a request lets slip about the class: "a quiz for my 4th graders" -> a class fact."""
    match = _EMBEDDED_CLASS.search(body)
    if not match:
        return None
    phrase = match.group(0)[3:].strip()
    return Fact(
        content=_tidy(f"Teaches {phrase} (said while asking: {body})"),
        category=v.CLASS,
        importance=5.0,
        confidence=0.6,
        slot="",
        tags=tuple(sorted(tags_for(body))),
    )


def _fact(body: str, category: str, *, change: bool, slot: str = "", exclusive=False) -> Fact:
    importance = _BASE_IMPORTANCE[category]
    confidence = _BASE_CONFIDENCE[category]
    if _SAFETY.search(body):
        importance = max(importance, 9.0)
    if _LEGAL.search(body) and category == v.STUDENT:
        importance += 1
    if _EMPHASIS.search(body):
        importance += 1
    if _HEDGE.search(body):
        importance -= 1
        confidence *= 0.7
    return Fact(
        content=_tidy(body),
        category=category,
        importance=min(v.IMPORTANCE_MAX, max(v.IMPORTANCE_MIN, importance)),
        confidence=round(min(1.0, confidence), 3),
        slot=slot,
        exclusive=exclusive,
        change=change,
        tags=tuple(sorted(tags_for(body))),
    )


def _tidy(body: str) -> str:
    body = " ".join(body.split())
    if len(body) > MAX_FACT_CHARS:
        body = body[: MAX_FACT_CHARS - 1].rsplit(" ", 1)[0] + "\u2026"
    body = body[0].upper() + body[1:]
    return body if body[-1] in ".!?\u2026)" else body + "."


def _mentions(body: str, names: tuple[str, ...]) -> bool:
    lowered = f" {' '.join(text.plain_words(body))} "
    return any(f" {' '.join(text.plain_words(name))} " in lowered for name in names)


def tags_for(body: str) -> set[str]:
    """Tags of a statement: grades, subjects, named students and the lexicon's concepts."""
    tags: set[str] = set()
    for match in _GRADE.finditer(body):
        number = match.group(1) or match.group(2) or match.group(3)
        word = (match.group(4) or "").lower().replace(" ", "")
        if number:
            tags.add(f"grade:{int(number)}")
        elif match.group(5):
            tags.add(f"year:{int(match.group(5))}")
        elif word:
            tags.add(f"grade:{_GRADE_WORDS.get(word, word)}")
    for subject, names in _SUBJECTS.items():
        if _mentions(body, names):
            tags.add(f"subject:{subject}")
    student = _student(body)
    if student is not None and student[1]:
        tags.add(f"student:{student[1]}")
    tags.update(f"topic:{c}" for c in text.concepts(text.all_words(body)))
    return tags
