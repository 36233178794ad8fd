"""Distress: a child who may be hurt, in danger, or thinking of hurting themself.

Rules over `Normalised.plain`, grouped by what the guide (and a parent) should
know. A match is never a judgement on the child: the redirect is gentle and
points to a trusted grown-up. Curiosity about death, war, weapons or danger
("why do people die", "what is a bomb", "how do i kill weeds") is not
distress; a child saying something is happening to them is.
"""

from __future__ import annotations

import re

from brightpath.spark.safety.text import Normalised

# "i" but not in a question ("am i going to die when i'm old?").
_I = r"(?<!am )(?<!will )(?<!do )(?<!can )(?<!would )(?<!could )(?:i|im|i'm|i am|ive|i've|i'll|ill)"
# "die" but not an idiom ("die of boredom", "die laughing", "die in minecraft").
_DIE = (
    r"die\b(?! (?:of|from|laughing|when|one day|someday|some day|too|if|like|in|at|on|for|"
    r"before|after|eventually|old))"
)
_WANT = (
    r"(?:want to|wanna|wana|want 2|going to|gonna|gona|feel like|am thinking (?:about|of)|"
    r"think about|thinking about|thinking of|will|should|need to|have to|try to|tried to|"
    r"trying to|might|could|just want to|really want to|wish i could|plan to|am going to)"
)
_SELF_HARM = re.compile(
    rf"\b{_I}\s+(?:really\s+|just\s+|sometimes\s+|kinda\s+|kind of\s+)?{_WANT}\s+"
    r"(?:kill|hurt|cut|harm|stab|burn|hang|punish|starve|shoot|drown)(?:ing|ting|bing)?\s+"
    r"(?:myself|my ?self|me)\b"
    rf"|\b{_I}\s+(?:really\s+|just\s+|sometimes\s+)?{_WANT}\s+(?:just\s+|really\s+)?(?:{_DIE}|"
    r"be dead|end it|end my life|"
    r"not be here|not exist|disappear(?: forever)?(?! (?:like|into|in a|in the|behind|under|for a|"
    r"from (?:the|my) (?:class|party|room)|when|during|on holiday))|stop living|not wake up|"
    r"jump off|not be alive|"
    r"go to sleep forever|never wake up)"
    r"|\b(?:kill|killing|hurt|hurting|cut|cutting|harm|harming|burn|burning|stab|stabbing|"
    r"punish|punishing|hang|hanging)\s+(?:myself|my ?self)\s+(?:on purpose|again|every|because|"
    r"when|sometimes|a lot)"
    r"|\b(?:i|ive|i've|i have|i keep|i been|been|keep|started)\s+(?:been\s+)?"
    r"(?:cutting|hurting|harming|burning|scratching) (?:myself|my (?:arms?|legs?|wrists?|skin))"
    r"|\bi (?:cut|hurt|harm|burn|hit|scratch|punch)(?:ed)? (?:myself|my (?:arms?|legs?|wrists?)) "
    r"(?:on purpose|deliberately|because|when i|again|a lot)"
    r"|\b(?:kms|kys|suicide|suicidal|self[ -]?harm|self[ -]?harming|unalive|unalive myself)\b"
    r"|\b(?:kill|hang|drown|stab|shoot|suffocate|strangle) (?:myself|my self|urself|yourself|"
    r"your self|"
    r"yoself|ya ?self|themselves|themself)\b(?! upside down)"
    r"|\bfeel like (?:dying|i'?m dying|i want to die|dying inside)\b"
    r"|\b(?:scratch|cut|hit|punch|bite|burn|hurt|pinch)(?:es|ed|ing|ting)? (?:myself|my (?:arms?|"
    r"legs?|"
    r"wrists?|skin|face|head|hands?)) (?:until|till|til|so) (?:it|they|i) (?:bleed|bleeds|hurt|"
    r"hurts|bruise)"
    r"|\b(?:cut|cutting|hurt|hurting|burn|burning|harm|harming|hit|hitting|punch|punching|scratch|"
    r"scratching|stab|stabbing)\s+(?:myself|my ?self|my (?:arms?|legs?|wrists?|skin))\b.{0,30}"
    r"\b(?:on purpose|deliberately|because i|when i'?m (?:sad|angry|mad|upset)|to feel)"
    r"|\bi (?:cut|burn|hurt|harm|stab|punch|hit|scratch|starve|bite) (?:myself|my self)\b"
    r"(?!.{0,30}\b(?:on (?:a|the|some|my)|by accident|accidentally|with (?:a|the)|while|playing|at "
    r"(?:school|football|soccer|the|recess|practice)|falling|fell|cooking|shaving|yesterday|today|"
    r"last)\b)"
    rf"|(?<!not )(?<!never )\bwant(?:ing|s)? to (?:{_DIE}|be dead|kill (?:myself|themselves|"
    r"themself))"
    r"|\b(?:too many|lots of|a lot of|all (?:the|my|of the)|a whole bottle of|a bottle of|"
    r"a handful of) (?:\w+ )?(?:pills|tablets|sleeping pills|painkillers)"
    r"|\b(?:i wish|wish|wishing|wished) i (?:was|were|wasn't|wasnt|was not|had never been|could) "
    r"(?:dead|never born|not born|not alive|gone|die|disappear(?! (?:like|into|in a|in the|"
    r"behind|under|for a|when|during|on holiday)))"
    r"|\bi wish i (?:wasn't|wasnt|was not|were not|weren't) (?:alive|here)\b"
    r"|\b(?:don'?t|do not|dont|no longer) (?:want|wanna) (?:to )?(?:be alive|live|exist|be here|"
    r"wake up(?! (?:early|so early|at|for|in the morning|on|today|when))|be born)"
    r"|\b(?:better off|be happier|be better) without me\b"
    r"|\b(?:no one|nobody|noone|no1) (?:would|will|even) (?:care|miss me|notice|cry)"
    r"|\bif i (?:just |simply )?(?:died|was gone|was dead|disappeared|wasn'?t here|wasn'?t alive|"
    r"wasnt alive|wasnt here|was not alive|was not here)\b"
    r"|\bi (?:hate|h8) (?:myself|my ?self|my life|being alive|being me)\b"
    r"|\bi(?:'m| am|m) (?:worthless|a burden|useless and|a waste of space)"
    rf"|\bi (?:should|deserve to|want to|wanna) (?:just )?{_DIE}|\bi (?:deserve|want) (?:pain|"
    r"to be hurt)"
    r"|\blife (?:is|isn'?t) (?:pointless|not worth|worthless|meaningless|worth living)"
    r"|\bno (?:reason|point) (?:to|in) (?:live|living|being alive)"
    r"|\bhow (?:do|can|would|could|to|many)\b.{0,30}\b(?:commit suicide|kill (?:myself|yourself|"
    r"themselves|themself|themselfs)|overdose|pills (?:would|does it take to|to) (?:kill|die))"
    r"|\b(?:easiest|quickest|painless|best|fastest) way to (?:die|kill)"
    r"|\bhow (?:do|can|would) i die\b|\bhow (?:many|much) [a-z' ]{0,20}(?:kill|die)\b.{0,10}\bme\b"
    r"|\b(?:took|swallowed|ate) (?:a lot of|lots of|all (?:of )?(?:the |my )?|too many|a bunch of)"
    r"[a-z' ]{0,20}(?:pills|tablets|medicine)"
    r"|\b(?:you|u) should (?:die|kill yourself|go die)\b|\bgo (?:die|kill yourself)\b"
    r"|\bjump off (?:a|the|my) (?:bridge|building|roof|cliff|balcony)"
    r"|\bi (?:cut|cuts|burn|scratch) (?:my )?(?:arms?|wrists?|legs?|thighs?|skin)\b"
    r"(?! (?:on|by|with (?:a|the)|when i fell|playing|at)\b)"
    r"|\bi (?:\w+ )?(?:think|thinking|thought|dream|dreaming) about (?:dying|death|killing myself|"
    r"suicide|"
    r"ending it|ending my life|not being alive|being dead|not waking up|hurting myself)"
    r"|\b(?:no|don'?t see the|what'?s the|whats the|there'?s no) point (?:in|of) (?:living|life|"
    r"being alive|"
    r"me|going on)"
    r"|\b(?:end|ending|ended|take|taking) (?:my (?:own )?life|it all|things|everything)\b"
    r"|\bi'?m (?:so |just |really )?(?:done|finished) with (?:everything|life|it all|living|"
    r"being alive|all of (?:this|it)|my life)\b"
    r"|\bhow (?:much|many)\b[a-z' ]{0,25}\b(?:would|will|could|to|does it take to|do you need to) "
    r"(?:kill|hurt|poison|overdose)\b[a-z' ]{0,10}\b(?:me|you|someone|a person|a kid|myself|"
    r"yourself|a child)\b"
    r"|\bi\b.{0,20}\b(?:bang|hit|hurt|cut|scratch|burn|punch|bite|pull|starve)(?:s|ed|ing|ting)? "
    r"(?:myself|my (?:head|arms?|legs?|wrists?|skin|hair|face|hands?))\b.{0,30}"
    r"\b(?:on purpose|deliberately|to feel|because i|when i'?m (?:sad|angry|mad|upset))"
    r"|\bi (?:just )?want (?:it|it all|everything|my life|all of this) to (?:end|stop)\b"
)

_ADULT = (
    r"(?:dad|daddy|father|mom|mommy|mum|mummy|mother|mama|papa|stepdad|step dad|step-dad|"
    r"stepmom|step mom|step-mom|stepmum|stepfather|stepmother|parents?|uncle|aunt|auntie|"
    r"grandpa|grandad|granddad|grandma|nana|granny|babysitter|nanny|teacher|coach|"
    r"(?:mom|mum|mom's|mum's|moms|mums) boyfriend|(?:dad|dad's|dads) girlfriend|"
    r"brother|sister|cousin|neighbou?r|carer|foster (?:mom|dad|parent))"
)
_WHO = (
    rf"(?:my {_ADULT}|(?:he|she|they|someone|somebody|a man|a woman|a lady|a boy|a girl|a guy|"
    r"an adult|a grown ?up|a stranger))"
)
_HURT_VERB = (
    r"(?:hits?|hitting|beats?|beating|beat up|hurts?|hurting|hurted|kicks?|kicked|kicking|"
    r"punch(?:es|ed)?|punching|slaps?|slapped|slapping|chokes?|choked|choking|burns?|burned|"
    r"burnt|smacks?|smacked|whips?|whipped|strangles?|strangled|throws? (?:things|stuff) at|threw "
    r"(?:things|stuff) at|pushes|pushed|starves?|starved|bites?|bit|throws?|threw|shoves?|"
    r"shoved|drags?|dragged|shakes?|shook|does (?:bad |weird |gross )?(?:things|stuff) to|"
    r"did (?:bad |weird |gross )?(?:things|stuff) to|"
    r"pinch(?:es|ed)?|grabs?|grabbed|hurt)"
)
_ABUSE = re.compile(
    rf"\b(?:{_WHO}|^{_ADULT})\s+(?:always\s+|sometimes\s+|keeps\s+|still\s+|really\s+|also\s+)?"
    r"(?:[^.!?]{0,40}? and\s+)?"
    rf"{_HURT_VERB}\s+"
    r"(?:me|my)\b(?! (?:ball|toy|toys|lego|legos|game|tower|drawing|picture|sandcastle))"
    r"(?! (?:at|in) (?!the (?:face|head|stomach|eye|back|arm|leg|tummy|nose)|my))"
    r"(?! with (?:a |the |his |her |their )?(?:snowballs?|pillows?|balls?|balloons?|water|nerf|"
    r"toys?|"
    r"foam|socks?|feathers?|paper))"
    rf"|\b{_WHO}\s+(?:always\s+|sometimes\s+|keeps?\s+)?(?:locks?|locked|locking) me "
    r"(?:in|out|outside|up)\b(?! of (?:his|her|their) (?:room|bedroom|den|fort|club)\b)"
    r"|\bwith (?:his|her|a|the|their) (?:belt|stick|shoe|slipper|wooden spoon|spoon|cane|fist|"
    r"hand)\b"
    r"(?=.*\b(?:hit|hits|beat|beats|hurt|hurts|whip|whips|smack|smacks|slap|slaps)\b)"
    r"|\b(?:doesn'?t|don'?t|won'?t|never|didn'?t|wont|dont) (?:give|let) me (?:any )?(?:food|eat|"
    r"dinner|"
    r"water|breakfast|lunch)"
    r"|\b(?:asked|told|made|makes|wants|wanted) me to\b.{0,40}\b(?:keep (?:it|this|"
    r"our \w+) (?:a )?secret|"
    r"not tell|sit on (?:his|her) lap)"
    r"|\bsit on (?:his|her) lap\b.{0,30}\bsecret"
    r"|\b(?:shows?|showed|showing) me (?:his|her|their) (?:private|privates|private parts|penis|"
    r"willy|"
    r"thing|bum|butt|body|boobs)"
    r"|\btouch(?:es|ed|ing)? me (?:in (?:a|the|my) (?:bad|wrong|private|weird)|down there|where|"
    r"under|"
    r"and i (?:don'?t|didn'?t) like)|\btouch(?:es|ed|ing)? my (?:private|privates|private parts)"
    r"|\b(?:someone|somebody|he|she|they|a man|a boy|a girl|a lady|a woman|my (?!(?:dog|cat|puppy|"
    r"kitten|friend|best friend)\b)\w+(?: \w+)?) (?:touched|touches|touch|was touching|"
    r"keeps touching) "
    r"(?:me|my)\b(?! (?:hand|shoulder|arm|head|nose|hair)\b)"
    r"|\bbad touch|\btouch(?:ed|es|ing)? (?:his|her|their) (?:private|privates|private parts|"
    r"penis|willy|thing)"
    r"|\b(?:our|its our|it's our|it is our) (?:special |little |big )?secret\b"
    r"|\b(?:told|tells|said|says|makes|made)(?: me)? (?:not to|to not|never to|don'?t) tell\b"
    r"|\b(?:makes|made|make) me (?:keep (?:a |it |this )?secrets?|take (?:off )?my clothes|touch)"
    r"|\b(?:comes?|came|coming) (?:in|into) my (?:room|bed|bath|bathroom) at night\b"
    r"|\b(?:says?|said|threatens?|threatened)\b.{0,20}\b(?:hurt|kill|hit|beat) me if i\b"
    r"|\b(?:i|i'm|im|i am) (?:get(?:ting)?|got|being|been) (?:hit|hurt|beaten|beat|kicked|"
    r"punched|slapped|abused|touched|locked (?:in|up)|starved)\b.{0,12}\b(?:at home|every|by my|"
    r"by (?:him|her|them)|again|a lot)"
    r"|\bi (?:got|get|was|am|'m) beaten up\b|\b(?:abuse|abused|abusing|molest|molested)\b"
    r"|\b(?:yell|yells|shout|shouts|scream|screams) at me and\b.{0,20}\b(?:hit|throw|hurt)"
    r"|\b(?:scared|afraid|frightened|terrified) (?:of|to go) (?:my )?(?:home|going home|"
    + _ADULT
    + r")\b"
    r"|\bscared to (?:go home|tell|be at home)|\bafraid to tell\b|\bnot safe at home\b"
    r"|\b(?:scared|afraid|frightened|terrified|unsafe) (?:at|to be at|to go) home\b"
    r"|\b(?:hurts|hit|hits) me when (?:he|she|they)(?:'s|s| is| are| gets?) (?:drunk|angry|mad)"
)
_PERSON_SUBJECT = (
    r"(?:kids|boys|girls|children|people|they|he|she|someone|somebody|bullies|a boy|a girl|"
    r"the big kids|older kids|big kids|classmates|my classmates|some kids|a kid|this kid|"
    r"the kids|everyone)"
)
_BULLYING = re.compile(
    r"\b(?:bully|bullied|bullies|bullying|bulling|bullys)\b(?=.*\b(?:me|i|im|i'm|my)\b)"
    r"|\b(?:i|i'm|im|i am|i get|i got)\s+(?:being\s+)?(?:getting\s+)?(?:bullied|picked on|teased|"
    r"beat up|beaten up|left out)\b"
    r"|\b(?:kids|people|they|everyone|everybody|boys|girls|some kids|some boys|some girls|"
    r"a boy|a girl|he|she|someone) (?:at school |in my class |in class |online )?"
    r"(?:always |keep |keeps |still |all |are )?(?:(?:are|were|is|was) (?:so |really |always )?"
    r"(?:mean|horrible|nasty|cruel|rude) to me|(?:push(?:es|ed|ing)?|hit(?:s|ting)?|kick(?:s|ed|"
    r"ing)?|"
    r"punch(?:es|ed)?|trip(?:s|ped)?|spit(?:s)? on|hurt(?:s)?) me\b|call(?:s|ed|ing)? me (?:names|"
    r"fat|ugly|stupid|dumb|weird|gay|a loser|loser|"
    r"a baby|a freak|freak|smelly|stinky|an idiot|idiot|horrible names|mean names)|laugh(?:s|ed|"
    r"ing)? at me|are mean to me|were mean to me|"
    r"is mean to me|was mean to me every|pick(?:s|ed)? on me|make(?:s)? fun of me|made fun of me|"
    r"tease(?:s|d)? me|threaten(?:s|ed)? me|beat me up|spit on me|steal my|"
    r"send(?:s)? me mean|sent me mean|ignore me|won'?t (?:talk|play) (?:to|with) me)"
    r"(?!.*\b(?:but we made up|made up|just kidding|jk)\b)"
    r"|\b(?:said|say|says) (?:they(?:'d| would| will| are going to|'re going to|'re gonna)|"
    r"(?:he|she)(?:'d| would| will| is going to|'s going to)) (?:beat me up|hurt me|get me|kill me|"
    r"hit me)"
    r"|\b(?:everyone|everybody|all the kids|the whole class|they all) (?:hates|hate) me\b"
    r"|\b(?:nobody|no one|noone|no1) (?:likes|loves|wants|cares about|plays with|talks to) me\b"
    r"|\bnobody wants to be my friend|\bi (?:have|got) no friends|\bi don'?t have (?:any )?friends"
    r"|\b(?:mean|nasty|horrible|scary) (?:messages|texts|comments) (?:online|about me|to me)"
    r"|\b(?:send|sends|sent|sending|post|posts|posted|posting|say|says|said|write|writes|wrote) "
    r"(?:me |about me )?(?:mean|nasty|horrible|scary|rude|bad|hurtful) (?:messages|texts|things|"
    r"stuff|"
    r"comments|words|names)"
    rf"|\b{_PERSON_SUBJECT}\b.{{0,40}}\b(?:hit|hits|hitting|push|pushes|pushed|pushing|kick|kicks|"
    r"kicked|"
    r"kicking|punch|punches|punched|punching|trip|trips|tripped|tripping|beat|beats|beating|shove|"
    r"shoves|"
    r"shoved|shoving|slap|slaps|slapped|slapping|pinch|pinches|pinched|pinching|bite|bites|bit|"
    r"biting|"
    r"spit on|spat on|spitting on|scratch|scratches|scratched|scratching) me\b"
    r"(?! (?:by accident|accidentally|back|in (?:a|the) game|in tag|in dodgeball|with (?:a|"
    r"the) (?:ball|pillow)))"
    r"|\b(?:kids|bullies|they|older kids|big kids|someone|a boy|a girl|people|some kids|"
    r"the kids)\b.{0,20}"
    r"\b(?:take|takes|took|steal|steals|stole|stealing) my (?:lunch|money|stuff|things|bag|phone|"
    r"food|snack)"
    r"|\b(?:told|tells) (?:everyone|everybody|the class) (?:to )?(?:ignore|hate|not play with) me"
    r"|\bi cry (?:every (?:night|day)|all the (?:time|night|day))"
    r"|\b(?:i'?m|im|i am|i feel|i get|feel|feeling|i'?ve been|been) (?:so |really |very |just )?"
    r"(?:sad|scared|lonely) all the time\b"
    r"|\b(?:can'?t|cannot|cant) stop crying\b"
    r"|\b(?:because of|scared of|afraid of) (?:the |those |these |my )?(?:bully|bullies)\b"
    r"|\b(?:everyone|everybody|they|kids|people|the other kids|my friends|my class) (?:always )?"
    r"(?:ignores|ignore|ignored) me\b|\bi'?m (?:always|so|really) (?:alone|lonely)\b"
    r"|\b(?:the |those |some )?bullies (?:at school|in my class|in class|on the bus|online)\b"
)
_RUNAWAY = re.compile(
    r"\b(?:i'm|im|i am|i'll|ill|i will|i want to|i wanna|gonna|going to|thinking of|"
    r"thinking about|plan to|planning to|want to|wanna|i should|i might|i'm going to)"
    r"\s+(?:just\s+)?(?:run(?:ning)? away|runaway|leave home|leave my home|sneak out tonight)"
    r"(?!\s+from\s+(?:a|an|the|bees?|spiders?|dogs?|monsters?|it|them|him|her|danger)\b)"
    r"|\b(?:i|we) ran away from home\b|\brun away from (?:home|my (?:home|family|house|mom|dad))"
    r"|\b(?:i|i'm|im|my)\b.{0,30}\bto run away\b"
    r"|\b(?:i'm|im|i am) (?:leaving|running away from) (?:home|my home|my house|my family)"
    r"|\bpack(?:ed|ing)? (?:my|a) (?:stuff|bag|things|suitcase|backpack) (?:and|to) (?:leave|go|"
    r"run)"
    r"(?!\s+from\s+(?:a|an|the|bees?|spiders?|dogs?|monsters?|it|them|him|her|danger)\b)"
)
_STRANGER = (
    r"(?:stranger|a man|a woman|a lady|a guy|some guy|a grown ?up|an adult|someone|somebody|"
    r"a person|a boy|a girl|a teenager|he|she|they|this (?:man|guy|person|lady))"
)
_DANGER = re.compile(
    rf"\b{_STRANGER}(?: i (?:met|know|talk to|play with|chat with))?(?: online| on (?:the )?\w+|"
    r" in (?:a|the) game| "
    r"from (?:the )?(?:game|internet|app))?(?: who| that)?(?: \w+ (?:me )?and)? (?:asked|asks|wants"
    r"|"
    r"wanted|told|tells|said|says|keeps asking|is asking|tried|invited)\b.{0,30}\b(?:meet (?:me|up|"
    r"him|her|them|in person)|"
    r"get in (?:his|her|their|the|a) (?:car|van|truck)|a ride|"
    r"send (?:a |some |him |her |them )?(?:pictures?|photos?|pics?|selfies?|videos?)|"
    r"(?:pictures?|photos?|pics?|selfies?|videos?) of me|my address|where i live|"
    r"keep (?:\w+ ){0,3}secret|not (?:to )?tell|don'?t tell|without (?:my )?clothes|naked|"
    r"my body|loves? me|go with (?:him|her|them)|come over|come to (?:his|her|their)|follow (?:him|"
    r"her)|"
    r"for (?:a |some |more |my |your )?(?:pictures?|photos?|pics?|selfies?|videos?))"
    r"|\b(?:stranger|a man|a woman|a lady|a guy|some guy|an adult|a grown ?up|this (?:man|guy|"
    r"lady))"
    r"(?: i (?:met|don'?t know))?(?: online| on \w+| (?:at|in|on|near|outside|by) (?:the |my |"
    r"a )?\w+)?"
    r"(?: who| that)? (?:asked|asks|offered|gave me|wanted|wants|told me|tried|said|says|told|"
    r"tells)\b"
    r".{0,30}\b(?:come with|come over|candy|sweets|puppies|puppy|kittens|get in|car|van|ride|meet|"
    r"secret|"
    r"follow (?:him|her|them)|go with)"
    r"|\b(?:stranger|a man|a woman|a lady|a guy|someone|somebody|a car)\b.{0,20}\b(?:followed|"
    r"follows|"
    r"is following|was following|watching) me\b"
    r"|\bfollowed me (?:home|to school|from school)\b"
    r"|\b(?:meet (?:up )?(?:with )?(?:someone|him|her|them|a (?:man|person|friend)) (?:i|"
    r"we) met online|"
    r"meet up with (?:someone|him|her|them) from (?:the )?(?:game|internet|roblox|online)|"
    r"(?:online|internet|game) (?:friend|person|guy|man|stranger) (?:wants|asked|invited|"
    r"said)\b.{0,30}"
    r"\b(?:meet|visit|come))"
    r"|\b(?:asked|asks|wants|wanted) (?:me )?(?:to )?(?:send|for) (?:a |some )?(?:pictures?|photos?"
    r"|pics?|"
    r"selfies?|videos?) (?:of me|of myself|of my (?:body|face|self|legs|chest|bum|butt|privates)|"
    r"without|naked|in my)"
    r"|\bsend (?:pictures?|photos?|pics?) (?:without (?:my )?clothes|naked|of my body)"
    r"|\bwithout (?:my |any )?clothes (?:on)?\b.{0,20}\b(?:picture|photo|pic|camera|video)"
    r"|\b(?:i'?m|i am|im) (?:home )?alone and (?:i'?m |im )?(?:scared|frightened|afraid|hungry)"
    r"|\b(?:someone|somebody|a man|a stranger|a person|a grown ?up)\b.{0,40}\b(?:it |that |this )?"
    r"(?:scares|scared|frightens|frightened|creeps) me\b"
    r"|^(?:please )?(?:help|help me|help me please|sos|i need help|someone help)[\s!.]*$"
    r"|\b(?:scared|frightened|afraid|terrified)\b.{0,20}\b(?:please help|help me|someone help)"
    r"|\b(?:strange|creepy|weird|scary) (?:man|person|guy|lady|woman|car|van|people)\b.{0,20}"
    r"\b(?:outside|near|at|in front of|following|watching|in) (?:my|our|me)\b"
    r"|\b(?:trying to|tried to|wants to) (?:get|break|come) in(?:to)? (?:my|our|the) (?:house|home|"
    r"room|flat|"
    r"apartment|window|door)"
    r"|\b(?:someone|somebody|a man|a stranger) (?:is |was )?in (?:my|our) (?:house|home|room|"
    r"flat)\b"
    r"|\bhome alone\b.{0,30}\b(?:someone|somebody|a man|knocking|scared|dark|nobody|no one|for days"
    r"|"
    r"all night|trying to get in)"
    r"|\b(?:someone|somebody|a man|a stranger) (?:is |keeps )?(?:knocking|banging|trying to (?:get|"
    r"break) in)"
    r".{0,30}\b(?:alone|scared|nobody|no one)"
    r"|\b(?:mom|mum|dad|mommy|mummy|daddy|mother|father|parents?)\b.{0,10}"
    r"\b(?:hasn'?t|haven'?t|didn'?t|did not|has not|have not|hasnt|havent) (?:come|came|been) home"
    r"|\b(?:leave|leaves|left) me (?:alone|home alone|by myself|on my own) (?:for days|all night|"
    r"overnight|"
    r"for (?:a )?(?:long time|hours|days|two days|the night)|every night|a lot)"
    r"|^(?!what|why|how|where|when|who|is|are|do|does)(?=.*\b(?:i|we|my)\b).*\b(?:there'?s|there is"
    r"|we have|"
    r"we got|i have) (?:no|nothing to) (?:food|eat)\b"
    r"|\b(?:we|i|my family) (?:don'?t|dont|do not|never|haven'?t|didn'?t) (?:have|get|got|had) "
    r"(?:any |enough )?(?:food|anything to eat|dinner|breakfast|lunch)\b"
    r"|\b(?:nobody|no one|noone) (?:has )?(?:come|came) home\b"
    r"|\b(?:nobody|no one|noone) (?:is )?(?:home|here) and (?:i'?m |im )?(?:scared|frightened|"
    r"afraid)"
    r"|\bthere'?s? (?:is |a )?(?:fire|smoke) in (?:my|our|the) (?:house|home|flat|apartment|room|"
    r"kitchen)"
    r"|\bmy (?:house|home|flat|apartment|room|kitchen) is on fire"
    r"|\b(?:mom|mum|dad|mommy|mummy|daddy|mother|father|grandma|grandpa|nana|parents?) "
    r"(?:won'?t|will not|wont|isn'?t|is not|can'?t|doesn'?t) (?:wake up|waking up|breathing|breathe"
    r"|move)"
    r"|\b(?:no|isn'?t any|there'?s no|nothing to|haven'?t had (?:any )?) ?(?:food|eat)\b.{0,25}"
    r"\b(?:home|house|days|hungry|since|yesterday)\b"
    r"|\b(?:hungry|starving)\b.{0,20}\b(?:no food|nothing to eat|haven'?t eaten)"
    r"|\bhaven'?t (?:eaten|had food|had anything to eat) (?:in|for|since) (?:days|two|2|a|"
    r"yesterday)"
    r"|\bi(?:'m| am|m) (?:being )?(?:kidnapped|trapped|lost and alone|locked in)"
    r"|\b(?:he|she|they|someone|a man) (?:has|had|showed me|has got) a (?:gun|knife) (?:at|"
    r"in) (?:my|our)"
)


# --- death wishes, self-harm questions, persistent sadness, eating ---------------
#
# Wishing to be dead or gone without the words "kill" or "die" ("better off
# dead", "go to sleep and never wake up", "life isn't worth it", "i wish i
# didn't exist").
_DEATH_WISH = re.compile(
    r"\b(?:better off|rather be|be better|happier) dead\b"
    r"|\b(?:better off|happier|easier|better|calmer|nicer)\b[^.!?]{0,25}\bif i (?:just |simply )?"
    r"(?:was|were|wasn'?t|"
    r"wasnt|weren'?t|was not|were not|was never|didn'?t|did not|never) (?:gone|dead|here|around|"
    r"alive|born|exist|existed|there)\b"
    r"|\bif i (?:wasn'?t|wasnt|weren'?t|was not|were not|was never) (?:around|alive|born|here)\b"
    r"|\bi\b[^.!?]{0,40}\b(?:sleep|asleep) (?:forever|and (?:never|not|don'?t|won'?t)(?: ever)? "
    r"wake up)"
    r"(?! (?:on (?:weekends?|saturdays?|sundays?|holidays?)|in the morning|lol|haha|til+ noon|"
    r"because i'?m (?:so )?tired))"
    r"|\bbetter (?:to|if i|if we) (?:not be alive|be dead|not exist|never wake up|not wake up)\b"
    r"|\bi\b[^.!?]{0,40}\b(?:never|not)(?: ever)? (?:to )?wake up (?:again|ever|tomorrow|anymore|"
    r"any more)\b"
    r"|\b(?:i )?hope i (?:don'?t|do not|dont|won'?t|never) wake up\b"
    r"|\b(?:my )?life (?:is not|isn'?t|isnt|ain'?t|is) (?:not )?worth (?:it|anything|much|nothing|"
    r"living)\b|\bnot worth (?:living|being alive|being born)\b|\bi'?m not worth (?:it|anything)"
    r"|\b(?:no|any|the|what'?s the|whats the|there'?s no|is there any|there is no) point "
    r"(?:in|of|to) "
    r"(?:even )?(?:being alive|living|life|my life|being me|existing|being here|me being here)"
    r"|\bi\b[^.!?]{0,30}\b(?:want|wanna|wish i could|wish to|need) (?:to )?(?:just )?(?:vanish|"
    r"stop existing|not exist|be gone forever)\b"
    r"|\bi (?:wish|want) i (?:didn'?t|did not|didnt|wouldn'?t|never) exist"
    r"|\bi wish i (?:was|were|had) (?:never|not) (?:here|born|alive|around|existed|been born)"
    r"|\b(?:i'?d|i would) rather (?:be dead|not be alive|not exist|not be here|disappear)"
    r"|\b(?:stop|stopped|quit) existing\b|\bwhy (?:was|am) i (?:even )?(?:born|alive)\b"
    r"|\bi (?:\w+ ){0,3}(?:shouldn'?t|should not|shouldnt|don'?t deserve to|dont deserve to|"
    r"do not deserve to) (?:be alive|live|exist|be here|be born)\b"
    r"|\bi (?:don'?t|dont|do not) (?:think|feel like) i (?:should|deserve to) (?:be alive|live|"
    r"exist|be here)\b"
    r"|\b(?:wish|hope|wishing|hoping) i (?:would |could |will |'d |just |might |can )*(?:die|"
    r"be dead|never wake up|not wake up|stop breathing)\b(?! (?:laughing|of (?:laughter|boredom|"
    r"embarrassment)|old))"
    r"|\bdie in my sleep\b"
)

# Asking how to hurt oneself, in any person ("best way to hurt yourself", "how
# to cut yourself", "how do people make themselves bleed"), or how to hide it.
_SELF = (
    r"(?:yourself|your ?self|urself|ur ?self|myself|my ?self|themselves|themself|theirselves|"
    r"oneself|himself|herself|your (?:wrists?|arms?|legs?|skin)|my (?:wrists?|arms?|legs?|"
    r"skin))"
)
_HARM_VERB = (
    r"(?:hurt|cut|harm|burn|starve|bleed|scratch|choke|strangle|hang|poison|stab|punish|bruise)"
)
_HARM_HOW = re.compile(
    r"\b(?:best|easiest|quickest|fastest|least painful|painless|simplest|secret|quiet|good|"
    r"safest|other|new|some|any|what|which|the) ways? (?:to|of|you can|i can|people|someone)\s+"
    rf"(?:\w+\s+)?{_HARM_VERB}(?:ing|ting|s)?\s+{_SELF}"
    rf"|\bways? to (?:self[ -]?harm|{_HARM_VERB} {_SELF})"
    r"|\bhow (?:to|do|does|did|can|could|would|should|might|much|many)\b(?:\s+(?:you|i|people|"
    r"someone|somebody|kids|a person|one|u|they|he|she|a kid|children|teens|teenagers|girls|"
    r"boys|students))?\s+"
    r"(?:(?:really|even|actually|safely|quickly|properly|best|just|easily|secretly|quietly|"
    r"deliberately)\s+)?"
    rf"(?:make|get)?\s*{_HARM_VERB}(?:s|ing|ting)?\s+{_SELF}"
    r"(?!\s+(?:by accident|accidentally|when|while|if|on (?:a|the)|playing|shaving|cooking|"
    r"with (?:a|the) (?:knife|scissors|paper))\b)"
    r"|\bmake (?:yourself|myself|my ?self|urself|themselves|themself|himself|herself|someone|"
    r"people) (?:bleed|throw up|puke|vomit|be sick|sick|pass out|faint|black out|stop breathing)"
    rf"|\b{_HARM_VERB}(?:s|ing|ting|ed)?\s+{_SELF}\b[^.!?]{{0,40}}\b(?:without (?:anyone|anybody|"
    r"people|my parents|your parents|mum|mom|dad|it showing|leaving (?:marks|scars)|getting caught)"
    r"|so (?:it|they|no ?one|nobody|people|my parents|mum|mom) (?:doesn'?t|don'?t|can'?t|won'?t|"
    r"wont|cant|dont|doesnt) (?:show|see|notice|know|find out)|and hide|hide (?:it|the|them))"
    r"|\bhow (?:deep|hard|much|many times|long) (?:do|would|should|can|does|did) (?:you|i|people|"
    r"someone|u) (?:have to |need to |got to )?(?:cut|scratch|burn|hit|stab|choke|starve)\b"
    r"|\bhow (?:to|do you|do people|can you|can i|do i) (?:self[ -]?harm|overdose|od)\b"
    rf"|\buse to {_HARM_VERB} {_SELF}"
    r"|\bhow (?:many|much|long|deep)\b[^.!?]{0,40}\b(?:bleed (?:out|to death)|cuts? (?:would|"
    r"does it take|to die))"
    r"|\b(?:cutting|hurting|harming|burning|scratching|starving|punishing)\s+"
    r"(?:yourself|your ?self|urself|myself|my ?self|themselves|yourselves)\b[^.!?]{0,30}"
    r"\b(?:feel better|feel good|a good (?:way|idea)|helps?|okay|ok|normal|bad|wrong|work)\b"
    r"|\b(?:cut|hurt|harm|burn|scratch)(?:ting|ing|s)?\b[^.!?]{0,25}\bwithout (?:my|anyone|anybody|"
    r"people|your|the|a) ?(?:\w+ )?(?:knowing|noticing|seeing|finding out|find out)\b"
)

# "what should i do if i cut myself" is a first-aid question.
_FIRST_AID = re.compile(
    r"^(?:what|how)\s+(?:should|do|can|would|could|shall)\s+(?:i|you|we)\s+(?:do\s+)?"
    r"(?:if|when)\s+(?:i|you|we|someone|my \w+)\s+(?:accidentally\s+)?"
    r"(?:cut|burn|hurt|scratch|bump|hit|graze)s?\b"
)
_ACCIDENT = re.compile(
    r"\b(?:hurt|hurting|cut|cutting|burn|burning|scratch|scratching)\s+(?:myself|yourself)\s+"
    r"(?:when|while|if)\s+(?:i|you)\s+(?:skate\w*|fall|falling|fell|play\w*|ride|riding|run\w*|"
    r"climb\w*|cook\w*|jump\w*|practi[cs]e|do (?:sports|gymnastics|karate|ballet)|bike|biking|"
    r"trampoline|shave|shaving|swim\w*)\b"
)
_ON_PURPOSE = re.compile(
    r"\b(?:on purpose|deliberately|want|wanna|again|because|so that|to feel)\b"
)

# Sadness that lasts ("every day", "all the time", "for weeks") or feelings of
# emptiness and hopelessness.
_FEELING = (
    r"(?:sad|unhappy|miserable|depressed|down|lonely|alone|empty|hopeless|numb|worthless|"
    r"awful|terrible|horrible|upset|scared|anxious|worried|afraid|crying|cry|cried|low|"
    r"broken|useless|invisible|like (?:nobody|no one|noone) (?:cares|likes me|loves me|wants me)|"
    r"like (?:a )?(?:nothing|nobody|burden|mistake|failure)|like giving up)"
)
_FEEL_SELF = re.compile(
    r"\bi (?:\w+ ){0,3}(?:cry|crying|cried)\b"
    r"|\bmy (?:heart|chest|head) (?:feels|is|hurts|feel)\s+(?:so |really |very )?(?:heavy|"
    r"broken|empty|sad)\b"
    r"|\b(?:i|im|i'm|i am|i've|ive|i have|i feel|i felt|i get|i keep|makes me|made me|make me|"
    r"and (?:i )?(?:feel|felt))\s+"
    r"(?:(?:been|am|feel|feeling|felt|get|getting|keep|always|constantly|still|just|really|so|"
    r"very|super|pretty|kind of|kinda|too|all|sometimes|often|never|ever|totally|completely|"
    r"such|a|bit|little|like)\s+){0,4}"
    rf"{_FEELING}\b"
)
_NOT_FEELING = re.compile(
    rf"\b(?:not|never|n'?t|no longer|less|wasn'?t|isn'?t) (?:\w+ )?(?:\w+ )?{_FEELING}\b"
    r"|\b(?:happy|excited|glad)\b"
)
_LASTING = re.compile(
    r"\b(?:every (?:single )?(?:day|night|morning|evening|afternoon|week|weekend|minute|hour)"
    r"|everyday|all (?:the )?(?:time|day|night|week|day long|night long)|always|constantly|"
    r"nonstop|non stop|24/7|day and night|for (?:weeks|months|ages|so long|a long time|days|years|"
    r"a while now|too long)|most (?:days|nights|of the time)|never stops?|anymore|any more|"
    r"every time i wake up|since (?:forever|last (?:year|month))|the whole time|all year)\b"
)
_LASTING_NOT = re.compile(r"\bevery time i (?:watch|see|read|hear|cut onions|peel|lose)\b")
_HOPELESS = re.compile(
    r"\bi(?:'m| am|m| feel| felt|'ve been| have been| keep feeling| always feel)\s+"
    r"(?:so |really |very |super |totally |completely |just |kind of |kinda |pretty |"
    r"always |constantly |sometimes |still )*"
    r"(?:empty|hopeless|numb|depressed|worthless|dead inside|broken inside|invisible|"
    r"like (?:nobody|no one|noone) (?:cares|likes me|loves me|wants me|would notice)|"
    r"like a (?:burden|mistake|failure)|like giving up|like nothing matters)"
    r"|\bi (?:feel|am|'m|m) (?:so |really |very |super |totally |completely )+(?:lonely|alone|"
    r"sad and alone|miserable)\b"
    r"|\bi cry myself to sleep\b|\bcrying myself to sleep\b"
    r"|\bi (?:never|can'?t|cannot|cant|won'?t|just can'?t) stop crying\b"
    r"|\b(?:nothing|no one|nobody) (?:\w+ )?makes? me (?:happy|smile|feel better|laugh) "
    r"(?:anymore|any more|ever)\b"
    r"|\bi (?:never|can'?t|don'?t|dont|cant) (?:\w+ )?(?:feel|be|am) happy (?:anymore|any more|"
    r"ever|at all)\b|\bi'?m never happy\b"
    r"|\bi (?:don'?t|dont) (?:enjoy|like|care about|want to do) anything (?:anymore|any more)\b"
    r"|\b(?:can'?t|cannot|cant) remember (?:the last time )?(?:when )?i (?:was|felt) happy"
    r"|\bnothing matters (?:anymore|any more)\b|\bwhat'?s the point of anything\b"
)

# Not eating, or making oneself sick, to be thin.
_EATING_STOP = re.compile(
    r"\b(?:not|don'?t|dont|won'?t|wont|stopped|stop|quit|skip(?:ping|ped)?|refuse to|refusing to|"
    r"barely|hardly|haven'?t|can'?t|cant|shouldn'?t|trying not to|try not to|going to stop|"
    r"not going to|not gonna|never)\s+(?:\w+\s+){0,2}?(?:eat|eating|eaten|meals?|breakfast|lunch|"
    r"dinner|food)\b"
    r"|\b(?:hate|scared to|afraid to|feel guilty when i|feel bad when i) eat(?:ing)?\b"
    r"|\b(?:only|just) (?:eat|ate|eating|have|had) (?:an? |one |half an? )?\w+ "
    r"(?:a|per|each|every) day\b"
    r"|\beat (?:nothing|almost nothing|hardly anything|very little|tiny bits)\b"
    r"|\bhide my (?:food|lunch|dinner|breakfast|meals?)|\bthrow (?:away|out) my (?:food|lunch|"
    r"dinner|breakfast)"
    r"|\b(?:throw|threw|throwing) up (?:my food|my (?:dinner|lunch|breakfast)|after (?:i eat|"
    r"eating|meals?|dinner|lunch|breakfast))|\bcount(?:ing)? (?:every |all my |my )?calories"
)
_BODY_WORRY = re.compile(
    r"\b(?:i'?m|im|i am|i feel|i look|too|so|get|getting|be|being|am|look) (?:so |too |really |"
    r"very |super )?(?:fat|chubby|big|heavy|ugly|gross)\b"
    r"|\b(?:skinny|skinnier|thin|thinner|slim|slimmer)\b|\blose weight\b|\blosing weight\b"
    r"|\bweigh less\b|\bon purpose\b|\bdiet(?:ing)?\b|\bcalories\b|\bhate my body\b"
    r"|\bmakes? me (?:fat|fatter|big|bigger|chubby|gain weight)\b"
    r"|\bmy (?:body|tummy|belly|stomach|thighs|legs) (?:is|are|look|looks) (?:so |too )?(?:fat|big|"
    r"gross|huge)"
)
_EATING = re.compile(
    r"\btoo (?:fat|big|chubby|heavy|ugly) to eat\b"
    r"|\b(?:starve|starving|starved) (?:myself|my ?self|yourself|urself|themselves|themself)"
    r"|\bmake (?:myself|my ?self) (?:throw up|puke|vomit|be sick|sick)\b"
    r"|\b(?:throw|threw|throwing) up on purpose\b"
)

# --- harm at home beyond hitting ----------------------------------------------
_CARER = (
    r"(?:dad|daddy|father|mom|mommy|mum|mummy|mother|mama|papa|stepdad|step dad|step-dad|"
    r"stepmom|step mom|step-mom|stepmum|stepfather|stepmother|parents?|uncle|aunt|auntie|"
    r"grandpa|grandad|granddad|grandma|nana|granny|babysitter|nanny|carer|guardian|"
    r"foster (?:mom|mum|dad|parents?)|(?:mom|mum|mom's|mum's|moms|mums) boyfriend|"
    r"(?:dad|dad's|dads) girlfriend)"
)
_FEAR = (
    r"(?:scary|scared|scares|afraid|frightening|frightened|frightens|terrified|terrifying|"
    r"scream|screams|screaming|screamed|yell|yells|yelling|yelled|shout|shouts|shouting|"
    r"shouted|angry|mad|mean|hide|hiding|hid|throw|throws|threw|throwing|break|breaks|broke|"
    r"smash|smashes|smashed|hit|hits|hurt|hurts|again|every (?:night|day|weekend)|all the time|"
    r"always|cry|crying|police)"
)
_NOT_ALCOHOL = (
    r"(?! (?:(?:lots of|a lot of|some|his|her|their|a|the|loads of) )?(?:coffee|tea|milk|water|"
    r"juice|soda|coke|pop|smoothies?|hot chocolate|lemonade|protein))"
)
_HOME_HARM = re.compile(
    # drinking and frightening (also read by _drinking, in any order)
    rf"\b(?:drunk|drinks?{_NOT_ALCOHOL}|drinking{_NOT_ALCOHOL})\b[^.!?]{{0,30}}\b(?:he|she|they) "
    r"(?:\w+ )?(?:scream|screams|yells?|shouts?|gets? (?:scary|angry|mean|violent)|hits?|hurts?|"
    r"throws?|breaks?|smash(?:es)?)\b"
    # screaming, fighting, throwing things
    rf"|\b(?:{_CARER}|they)\b[^.!?]{{0,40}}\b(?:scream|screams|screaming|yell|yells|yelling|shout|"
    r"shouts|shouting|fight|fights|fighting|argue|argues|arguing|smash|smashes|smashing|smashed|"
    r"throws?|threw|throwing|breaks?|broke|breaking)\b[^.!?]{0,50}"
    r"\b(?:(?:throw|throws|throwing|threw|smash|smashes|smashing|smashed|break|breaks|breaking|"
    r"broke) (?:things|stuff|plates|dishes|glasses|chairs|furniture|the tv|bottles)|"
    r"(?:things|stuff|plates|dishes|glasses|chairs|bottles) at|every (?:night|day)|all the time|"
    r"scared|afraid|terrified|frightened|i hide|hiding|i hid|police|cops|cry myself|can'?t sleep)"
    rf"|\b{_CARER}\b[^.!?]{{0,30}}\b(?:smash|smashes|smashed|throws?|threw|breaks?|broke) "
    r"(?:things|stuff|plates|dishes|glasses|chairs|furniture|bottles)\b"
    r"[^.!?]{0,40}\b(?:scared|afraid|terrified|angry|mad|drunk|every)"
    # shouting at the child, again and again
    rf"|\b{_CARER}\b[^.!?]{{0,20}}\b(?:always |constantly |keeps? |still )?(?:yells?|yelling|"
    r"screams?|screaming|shouts?|shouting|swears?|swearing) at me\b[^.!?]{0,40}"
    r"\b(?:every|all the time|always|constantly|for no reason|so loud|and (?:call|calls|says|"
    r"tells|hit|hits|throw|throws|push|pushes)|scared|cry|crying|again|nonstop)\b"
    rf"|\b{_CARER}\b[^.!?]{{0,10}}\b(?:always|constantly|keeps?) (?:yelling|screaming|shouting|"
    r"yell|yells|scream|screams|shout|shouts)\b"
    # left somewhere
    rf"|\b(?:{_CARER}|they|he|she)\b[^.!?]{{0,30}}\b(?:left|leaves|leave|abandoned|dumped|ditched) "
    r"me\b[^.!?]{0,40}\b(?:(?:didn'?t|never|hasn'?t|haven'?t|did not|won'?t|wont|didnt) "
    r"(?:come|came) back|drove (?:off|away)|for (?:hours|ages|days|a long time|the whole|all)|"
    r"all (?:night|day)|overnight|by myself|on my own|alone|all alone|with (?:nobody|no one|"
    r"noone)|on the (?:side of the )?(?:road|street)|"
    r"in the (?:dark|rain|cold|snow|woods|forest)|(?:at|in) (?:the |a )?(?:shops?|store|"
    r"supermarket|mall|train station|station|bus stop|bus station|gas station|petrol station|"
    r"car park|parking lot|carpark|street|road|woods|forest|motorway|highway))\b"
    rf"|\b(?:{_CARER}|they|he|she)\b[^.!?]{{0,20}}\b(?:abandoned|dumped|ditched) me\b"
    r"|\bdrove (?:off|away) and left me\b"
    # threats
    rf"|\b(?:{_CARER}|he|she|they)\b[^.!?]{{0,30}}\b(?:threaten|threatens|threatened|threatening) "
    r"(?:me|to (?:hurt|hit|kill|beat|send|kick|throw|lock|leave|take|give me away))\b"
    rf"|\b(?:{_CARER}|he|she|they)\b[^.!?]{{0,60}}\bif i (?:ever )?"
    r"(?:tell|told|say|said|talk|speak)\b"
    r"|\bif i (?:ever )?(?:tell|told|say|said|talk|speak)\b[^.!?]{0,60}"
    r"\b(?:hurt|kill|hit|beat|send me away|send me to|take me away|kick me out|throw me out|"
    r"lock me|never see|go to (?:jail|prison)|something bad|leave me|punish|whip|my (?:dog|cat|"
    r"pet|mom|mum|sister|brother)|the (?:dog|cat))"
    # marks to hide
    r"|\b(?:bruises?|bruised|marks|cuts|scars|black eye|burns?)\b[^.!?]{0,50}"
    r"\b(?:don'?t tell|dont tell|not (?:to )?tell|can'?t tell|cannot tell|cant tell|mustn'?t tell|"
    r"(?:not|never) (?:supposed|meant|allowed) to tell|"
    r"not allowed to tell|(?:nobody|no one|noone|people|the teacher) (?:can )?(?:sees?|notices?)|"
    r"so (?:nobody|no one|people|the teacher|my teacher) (?:can'?t |won'?t |doesn'?t |don'?t )?"
    r"(?:see|sees|notice)|(?:hide|cover) (?:them|it|my)|say i fell|said i fell|a secret)"
    r"|\b(?:don'?t|dont|not (?:to )?|can'?t|cant|cannot|mustn'?t|never|not allowed to) tell "
    r"(?:anyone|anybody|people|the teacher|my teacher|\w+ )?(?:about )?"
    r"(?:my |the |these |his |her )?"
    r"(?:bruises?|marks|cuts|scars|black eye|burns?)\b"
    r"|\b(?:long sleeves|make ?up|cover up)\b[^.!?]{0,30}\b(?:bruises?|marks|cuts|scars)\b"
    r"|\b(?:told|tells|makes|made|wants|said|says)(?: me)? (?:to )?(?:say|tell (?:people|everyone|"
    r"the teacher|them|my teacher|the nurse|the doctor)) (?:that )?i (?:fell|tripped|walked into|"
    r"bumped)"
    # locked in, pulled by the hair, not fed
    r"|\b(?:locks?|locked|locking) (?:me )?(?:in|inside|up in) (?:the|my|a|his|her|their) "
    r"(?:closet|cupboard|basement|cellar|bathroom|garage|shed|room|bedroom|car|cage|attic|crate|"
    r"wardrobe|toilet|dog crate|kennel|box)\b(?![^.!?]{0,30}\b(?:by accident|accidentally|lol|"
    r"haha|playing|game|hide and seek)\b)"
    r"|\bi (?:get|got|am|'m|was|been|keep getting) locked (?:in|up|inside|outside|out)\b"
    r"[^.!?]{0,40}\b(?:for hours|for days|all (?:day|night)|when i'?m bad|as (?:a )?punishment|"
    r"again|every|no food|without food|in the (?:dark|cold|rain))"
    r"|\b(?:lock|locks|locked|locking) me\b[^.!?]{0,40}\b(?:no food|without (?:food|dinner|water))"
    rf"|\b(?:{_CARER}|he|she|they|someone|somebody)\b[^.!?]{{0,20}}\b(?:pulls?|pulled|pulling|"
    r"yanks?|yanked) my hair\b|\b(?:drags?|dragged|pulls?|pulled|yanks?|yanked) me by (?:my|the) "
    r"(?:hair|arm|ear|neck|collar)\b"
    rf"|\b{_CARER}\b[^.!?]{{0,20}}\b(?:doesn'?t|don'?t|won'?t|never|didn'?t|wont|dont|doesnt) "
    r"feed me\b"
)

_DRINKING = re.compile(
    rf"\b(?:drunk|drinks?{_NOT_ALCOHOL}|drinking{_NOT_ALCOHOL}|been drinking|on drugs|"
    r"takes drugs|high again|smells? (?:like|of) (?:beer|alcohol|wine|booze))\b"
)
_FEAR_RE = re.compile(rf"\b{_FEAR}\b")
_CARER_RE = re.compile(rf"\b{_CARER}\b")
# Neglect, rejection and threats of being sent away, from a carer.
_REJECTED = re.compile(
    rf"\b{_CARER}\b[^.!?]{{0,40}}\b(?:get rid of me|send me away|kick me out|throw me out|"
    r"put me (?:in|into) (?:care|foster care|a home)|give me away|never see me again)\b"
    rf"|\b{_CARER}\b[^.!?]{{0,30}}\b(?:doesn'?t|does not|don'?t|do not|never|didn'?t|doesnt|"
    r"dont) (?:want|love) me\b(?! (?:to|playing|using|having|going|eating|watching|on|in|at)\b)"
    r"|\b(?:make|makes|made|making) me sleep (?:on the floor|outside|in the (?:garage|shed|car|"
    r"basement|cold|bath|cellar|yard))|\bi have to sleep (?:on the floor|outside|in the "
    r"(?:garage|shed|car|basement|cellar))"
)


def _drinking(p: str) -> bool:
    """A carer drinking (or on drugs) and the child frightened, in one sentence."""
    return any(
        _CARER_RE.search(sentence) and _DRINKING.search(sentence) and _FEAR_RE.search(sentence)
        for sentence in re.split(r"[.!?;]+", p)
    )


# --- grooming: cues that occur together in one sentence --------------------------
_MESSAGING = re.compile(
    r"\b(?:(?:dm|dms|dmed|dming|messag\w*|texts?|texting|texted|chats?|chatting|snaps?|snapped|"
    r"sends?|sent|sending|calls?|called|calling) me|on (?:whatsapp|zoom|facetime|chat|my (?:phone|"
    r"tablet|ipad)))\b"
)
_FAMILY = re.compile(
    r"\bmy (?:mom|mum|mommy|mummy|dad|daddy|parents?|grandma|grandpa|granny|nana|grandad|aunt|"
    r"auntie|uncle|cousin|cousins|brother|sister|friend|best friend|friends|teacher|class|"
    r"family)\b"
)
_ONLINE = re.compile(
    r"\b(?:online|on the internet|on (?:roblox|discord|minecraft|fortnite|tiktok|tik tok|snap|"
    r"snapchat|insta|instagram|youtube|xbox|ps4|ps5|playstation|among us|kik|the game|a game|"
    r"games)|in (?:a|the) (?:game|chat)|"
    r"i (?:met|play|played|talk|chat)\b[^.!?]{0,15}\b(?:online|on \w+|in a game)|"
    r"(?:online|internet|game|gaming|roblox|discord|minecraft|fortnite) (?:friend|bf|boyfriend|gf|"
    r"girlfriend|buddy|guy|person|man))\b"
)
_STRANGE_ACTOR = re.compile(
    r"\b(?:someone|somebody|some (?:one|guy|man|boy|girl|person|lady|dude|teen|teenager|kid)|"
    r"a (?:man|woman|lady|guy|boy|girl|teen|teenager|person|grown ?up|stranger|dude|player|"
    r"gamer|user|random)|an (?:adult|older \w+|old man|account)|(?:this|that|the) (?:man|guy|"
    r"lady|woman|person|dude|account|player|stranger|grown ?up|teenager|older \w+)|strangers?|"
    r"people i (?:don'?t|dont) know|older (?:boy|girl|guy|man|kid|teen|teenager))\b"
)
_ADULT_ACTOR = re.compile(
    r"\b(?:an adult|a grown ?up|a man|a woman|a lady|a guy|(?:my|the|a) (?:teacher|coach|"
    r"babysitter|neighbou?r|tutor|instructor|bus driver|uncle|cousin|step ?brother)|"
    r"(?:mom|mum|dad)'?s (?:friend|boyfriend|girlfriend))\b"
)
_ASKING = re.compile(
    r"\b(?:ask|asks|asked|asking|want|wants|wanted|wanting|told|tells|tell|said|says|say|beg|begs|"
    r"begged|begging|offered|offers|promised|promises|invite|invites|invited|dared|dares|"
    r"keeps?|kept|making|made|makes|make|pressur\w*|bribe\w*|tries|tried|trying|saying)\b"
)
_GROOM_PHOTO = re.compile(
    r"\b(?:photos?|pictures?|pics?|selfies?|snaps? of|videos? of (?:me|myself)|vids? of me|"
    r"nudes?|video ?chat|video ?call|facetime|face ?time|on camera|webcam|cam)\b"
)
_GROOM_BODY = re.compile(
    r"\b(?:without (?:my |any |your |his |her )?clothes|no clothes|naked|nude|undress\w*|"
    r"take (?:off )?my (?:clothes|shirt|top|pants|trousers)|in my (?:underwear|pyjamas|pajamas|pjs|"
    r"bikini|swimsuit|bathing suit|bath|bed)|my body|private parts|privates)\b"
)
_GROOM_MEET = re.compile(
    r"\b(?:meet (?:up|me|him|her|them|in person|irl|in real life)|meet\b|come over|come to (?:his|"
    r"her|their) (?:house|place|home|flat|car)|pick me up|visit me|give me a ride|get in (?:his|"
    r"her|their) car|hang out (?:irl|in real life|in person))"
)
_GROOM_SECRET = re.compile(
    r"\b(?:secret|secrets|don'?t tell|dont tell|not (?:to )?tell|never tell|delete (?:our|the|my|"
    r"his|her|all the|all our) (?:messages|chats?|texts|dms|conversations?)|between us|just "
    r"between)\b"
)
_GROOM_INFO = re.compile(
    r"\b(?:where i (?:live|go to school|go|am|stay|sleep)|my address|what school|which school|"
    r"my school|how old i am|my age|"
    r"my phone|my number|if (?:i'?m|i am|i was|i were|my parents|my mom|my mum|my dad|anyone|"
    r"anybody) (?:alone|home|were home|was home|are home|around|there|by myself)|"
    r"(?:parents|mom|mum|dad) (?:were|are|was|is) (?:home|around|out|away))\b"
)
_GROOM_LOVE = re.compile(
    r"\b(?:loves? me|my (?:boyfriend|girlfriend)|be (?:his|her) (?:girlfriend|boyfriend)|"
    r"(?:i'?m|i am|im) (?:really |so |very )?mature|special friend|kiss me|(?:robux|v-?bucks|"
    r"vbucks|gift ?cards?|money|presents?|gifts?|skins) (?:if|for|to))\b"
)
_SENTENCE = re.compile(r"[.!?;]+|\bbut\b")
# A secret a grown-up may fairly ask for: a surprise.
_NICE_SECRET = re.compile(r"\b(?:surprise|present|gift|party|birthday|christmas|recipe)\b")


def _grooming(p: str) -> bool:
    """Someone (a stranger, an adult, or anyone online) asking a child for
    photos, to meet, to keep secrets, for where they are, or offering love or
    gifts: the cues are read together within one sentence, in any wording."""
    for sentence in _SENTENCE.split(p):
        if not _ASKING.search(sentence):
            continue
        online = bool(_ONLINE.search(sentence)) or bool(
            _MESSAGING.search(sentence) and not _FAMILY.search(sentence)
        )
        stranger = bool(_STRANGE_ACTOR.search(sentence))
        if _GROOM_BODY.search(sentence) and (online or stranger or _ADULT_ACTOR.search(sentence)):
            return True
        if not (online or stranger):
            if (
                _GROOM_SECRET.search(sentence)
                and _ADULT_ACTOR.search(sentence)
                and not _NICE_SECRET.search(sentence)
            ):
                return True
            continue
        if (
            _GROOM_PHOTO.search(sentence)
            or _GROOM_MEET.search(sentence)
            or _GROOM_SECRET.search(sentence)
            or _GROOM_INFO.search(sentence)
            or (online and _GROOM_LOVE.search(sentence))
        ):
            return True
    return False


# --- insults a child reports (said to them, not by them) --------------------------
#
# "my brother called me an idiot" is the child telling what happened. When a
# parent or another carer says it, or it happens again and again, or it hurts,
# it is distress; otherwise the message is safe (offensive.py does not count
# reported words as the child's own).
_INSULT_SAID = (
    r"(?:stupid|dumb|idiot|useless|worthless|ugly|fat|a mistake|a waste of space|a failure|"
    r"a disappointment|pathetic|hopeless|a loser|loser|an idiot|a burden|nothing|"
    r"a nobody|horrible|disgusting|a freak|freak|retarded|a retard|dumber|"
    r"thick|trash|garbage|rubbish|not (?:good|smart|clever) enough|never (?:be|going to be|gonna "
    r"be) (?:good|anything)|should (?:never have been|not have been|have never been) born|"
    r"wish(?:es|ed)? i (?:was|were|had) (?:never|not) (?:born|been born)|hates? me|"
    r"(?:doesn'?t|don'?t) (?:love|want) me|(?:a )?(?:dummy|moron|pig|cow|monster)|"
    r"the worst|a (?:bad|terrible|horrible|awful) (?:kid|child|boy|girl|son|daughter|person)|"
    r"an accident|not wanted|unwanted|nothing but (?:trouble|a problem)|evil|an embarrassment|"
    r"too (?:fat|stupid|dumb|ugly)|the reason (?:\w+ ){0,3}(?:left|died|is sad|are sad|is angry|"
    r"fight|fights|drinks|split up|got divorced|broke up|is sick|hates)|(?:all )?my fault)"
)
_REPORTED = re.compile(
    r"\b(?:calls?|called|calling|keeps? calling|kept calling) me\b"
    r"|\b(?:say|says|said|saying|tell|tells|told|telling|think|thinks|thought|yell|yells|yelled|"
    r"yelling|scream|screams|screamed|shout|shouts|shouted|texts?|texted|wrote|writes|goes|went|"
    r"keeps? saying|kept saying|keeps? telling|kept telling)(?: to me| me)?(?: that)?[\s:,\"']+"
    r"(?:i'?m|im|i am|i was|i look|i smell|i act|i'?ll never|i will never|i should|i'?m just|"
    r"you'?re|youre|you are|ur|u r|you look|you will never|you'?ll never|it'?s|its|it is|"
    r"everything is|it was)\b"
)
_REPEATED = re.compile(
    r"\b(?:always|every (?:single )?(?:day|night|time|morning)|everyday|all the time|keeps?|kept|"
    r"constantly|never stops?|again|nonstop|non stop|24/7|whenever|each time|over and over|"
    r"every time|makes? me cry|made me cry|and i cry|and i cried|hurts? my feelings|makes? me "
    r"(?:feel|sad)|i believe (?:him|her|them)|(?:it'?s|its) true|in front of (?:everyone|the "
    r"class|my friends))\b"
)


def _reported_insult(p: str) -> bool:
    for sentence in _SENTENCE.split(p):
        for match in _REPORTED.finditer(sentence):
            before, after = sentence[: match.start()], sentence[match.end() :]
            if re.search(r"(?:^|\b(?:and|so|then)\s+)(?:i|we)\s*$", before):
                continue  # the child calling someone names
            if not re.match(
                rf"\s*(?:so |really |such an? |a |an |just |the |a total )*"
                rf"{_INSULT_SAID}",
                after,
            ):
                continue
            if re.search(rf"\b{_CARER}\b|\b(?:teacher|coach)\b", before) or _REPEATED.search(
                sentence
            ):
                return True
    return False


# A child asking what to do, not telling what happened (for danger and
# bullying; self-harm and abuse are never treated as hypothetical).
_HYPOTHETICAL = re.compile(
    r"^(?:what|how|who)\s+(?:should|do|can|would|could|must|shall)\s+(?:i|you|we|kids|a kid|"
    r"children|"
    r"people|someone)\b.{0,25}\b(?:if|when)\b|^what (?:happens|to do) (?:if|when)\b"
    r"|^(?:is it|what is|what's|whats) (?:ok|okay|safe|stranger danger|bullying)\b"
)


def check(text: Normalised) -> str | None:
    """What kind of distress a child's message shows, or None.

    Every rule reads the plain text and, when it differs, the de-leeted form
    (digits and symbols read as letters, spaced letters joined: "my dad h1ts
    me", "s o m e o n e touched me"), so leet-speak hides no kind of distress."""
    found = _classify(text.plain)
    if found or text.deleet == text.plain:
        return found
    return _classify(text.deleet)


def _classify(p: str) -> str | None:
    first_aid = (_FIRST_AID.search(p) or _ACCIDENT.search(p)) and not _ON_PURPOSE.search(p)
    if not first_aid and (_SELF_HARM.search(p) or _DEATH_WISH.search(p) or _HARM_HOW.search(p)):
        return "self-harm or suicide"
    if _EATING.search(p) or (_EATING_STOP.search(p) and _BODY_WORRY.search(p)):
        return "may not be eating"
    if (
        _ABUSE.search(p)
        or _HOME_HARM.search(p)
        or _REJECTED.search(p)
        or _drinking(p)
        or _reported_insult(p)
    ):
        return "may be hurt at home or by someone"
    if _HYPOTHETICAL.search(p):  # "what should i do if a stranger asks me to ..."
        return None
    if _DANGER.search(p) or _grooming(p):
        return "may be in danger"
    if _BULLYING.search(p) or _HOPELESS.search(p) or _sad_for_long(p):
        return "bullying or very sad"
    if _RUNAWAY.search(p):
        return "running away"
    return None


def _sad_for_long(p: str) -> bool:
    """The child feeling sad, lonely or empty, and saying it lasts."""
    for sentence in _SENTENCE.split(p):
        match = _FEEL_SELF.search(sentence)
        if not match or _NOT_FEELING.search(match.group(0)):
            continue
        if re.search(r"(?:scared|afraid|worried|anxious)$", match.group(0)) and re.match(
            r"\s+(?:of|about|by)\b", sentence[match.end() :]
        ):
            continue  # "scared of spiders all the time" is a fear of a thing
        if _LASTING.search(sentence) and not _LASTING_NOT.search(sentence):
            return True
    return False


# --- a guide reply that could hurt a child ------------------------------------------
#
# The guide (offline or an outside LLM) must never tell a child to hurt
# themself, wish them gone, or suggest something dangerous. Factual science and
# safety advice stay allowed ("bleach is a chemical that cleans", "never drink
# bleach: ask a grown-up", "some medicines are dangerous, only take them from a
# grown-up").

_YOU_SELF = r"(?:yourself|your ?self|urself|ur ?self|yourselves|your (?:arms?|wrists?|legs?|skin))"
_GUIDE_SELF_VERB = (
    r"(?:kill|hurt|cut|harm|stab|burn|hang|punish|starve|shoot|drown|poison|scratch|choke|"
    r"strangle|suffocate|bruise|hit|punch|bite)"
)
# Telling or inviting the child to hurt themself, or wishing them gone.
_GUIDE_SELF_HARM = re.compile(
    r"\b(?:you|u)\s+(?:really\s+|just\s+)?(?:should|could|can|must|need to|have to|ought to|"
    r"might want to|may want to|deserve to|may as well|might as well|'?d better|had better|"
    r"better)\s+(?:just\s+|go\s+(?:and\s+)?|try\s+(?:to\s+)?|try\s+)?"
    rf"{_GUIDE_SELF_VERB}(?:ing|ting|ning)?\s+{_YOU_SELF}\b"
    rf"|\b(?:try|trying|just|go|go and|why not|how about|let'?s|lets|it'?s (?:fun|ok|okay|"
    r"fine|good|cool|safe|helpful|normal) to|it helps to|you'?ll feel better if you|maybe)\s+"
    rf"(?:\w+\s+)?{_GUIDE_SELF_VERB}(?:ing|ting|ning)?\s+{_YOU_SELF}\b"
    rf"|(?:^|[.!?]\s*){_GUIDE_SELF_VERB}\s+{_YOU_SELF}\b"
    rf"|\b{_GUIDE_SELF_VERB}(?:ing|ting|ning)\s+{_YOU_SELF}\b[^.!?]{{0,40}}"
    r"\b(?:(?:will|would|can|could|might|may) (?:help|make you feel)|helps|feel (?:better|good)|"
    r"is (?:fun|ok|okay|fine|good|cool|normal|a good idea|the answer))\b"
    r"|\b(?:you|u) (?:should|deserve to|ought to|could just|might as well|need to) (?:just )?"
    r"(?:die|be dead|not exist|not be alive|not be here|disappear forever|go away forever|"
    r"stop living|never wake up|end it|end your life|suffer|be hurt|feel pain)\b"
    r"|\b(?:no one|nobody|noone|no1) (?:would|will|even|ever|'?d|could) (?:\w+ )?"
    r"(?:miss|care about|notice|love|want|cry (?:for|about|over)) (?:you|u)\b(?! to\b)"
    r"|\b(?:no one|nobody|noone) (?:loves|likes|cares about|wants|needs) (?:you|u)\b(?! to\b)"
    r"|\b(?:no one|nobody|noone) (?:would|will|could) (?:even |really |ever )?"
    r"(?:care|notice|mind)\b[^.!?]{0,20}\bif (?:you|u)\b"
    r"|\b(?:you'?d|you would|you'?ll|you will|everyone|everybody|your family|your parents|"
    r"your friends|the world|things|life) (?:would |will )?be (?:so |much |a lot )?"
    r"(?:better|happier|easier) (?:off )?(?:dead|without (?:you|u)|if (?:you|u) "
    r"(?:were|was|weren'?t|wasn'?t|died|disappeared|were gone|were dead|left forever))\b"
    r"|\bbetter off dead\b"
    r"|\b(?:end|take) your (?:own )?life\b|\bend it all\b"
    r"|\b(?:you|u)(?:'re| are| r) (?:a burden|worthless|a waste of space|better off dead)\b"
)

# Dangerous things a guide must never suggest: a harmful action and a hazard
# in the same sentence, said as an instruction or an invitation.
_HAZARD = re.compile(
    r"\b(?:bleach|cleaners?|cleaning (?:products?|stuff|liquids?|sprays?|chemicals?)|detergents?|"
    r"laundry (?:pods?|detergent|liquid)|tide pods?|washing (?:pods?|powder|up liquid|liquid)|"
    r"dish ?washer (?:tablets?|pods?|liquid)|dish soap|chemicals?|ammonia|drain cleaner|"
    r"antifreeze|petrol|gasoline|kerosene|lighter fluid|paint thinner|turpentine|nail polish "
    r"remover|weed ?killer|rat poison|poison|poisons|pesticides?|insecticides?|glue|"
    r"medicines?|medications?|meds|pills?|tablets?|capsules?|painkillers?|sleeping pills|"
    r"vitamins?|cough (?:syrup|medicine)|drugs?|alcohol|vodka|beer|wine|cigarettes?|vapes?|"
    r"vaping|e-?cigarettes?|mushrooms? (?:you|from|in) |berries (?:you|from|in) |"
    r"matches|matchsticks?|a match|lighters?|a lighter|(?<!ring of )(?<!sign of )fires?"
    r"(?! (?:engines?|trucks?|stations?|fighters?|safety|drills?|alarms?|extinguishers?|ants?|"
    r"brigades?|escape|exits?|doors?|blankets?))|flames?|candles?|fireworks?|"
    r"sparklers?|the (?:stove|oven|hob|cooker|grill|barbecue|bbq)|gas|"
    r"knife|knives|razors?|blades?|scissors|box cutters?|"
    r"(?:electric(?:al)?|plug|power|wall) (?:sockets?|outlets?|points?)|sockets?|outlets?|"
    r"power lines?|electric fences?|(?:bare|live|loose|electric(?:al)?|exposed) wires?|"
    r"fuse ?box|transformers?|pylons?|train tracks|railway (?:lines?|tracks)|"
    r"plastic bags? over your head|(?:a |the )?rope (?:around|round) your neck)"
)
_HAZARD_VERB = re.compile(
    r"\b(?:drink|drinking|eat|eating|swallow|swallowing|taste|tasting|lick|licking|sniff|"
    r"sniffing|inhale|inhaling|breathe in|smell|take|taking|try|trying|mix|mixing|touch|"
    r"touching|put|putting|stick|sticking|poke|poking|play|playing|light|lighting|set|setting|"
    r"start|starting|hold|holding|grab|grabbing|use|using|get|getting|chew|chewing|"
    r"smoke|smoking|pour|pouring|spray|spraying|climb|climbing|walk|walking|lie|lying|sit|"
    r"sitting|jump|jumping|throw|throwing|burn|burning|heat|heating|open|opening|steal|"
    r"sneak|sneaking|borrow|borrowing|help yourself to)\b"
)
# An instruction or invitation: a sentence that starts with the verb, or a
# suggestion ("try", "you could", "let's", "it's fun to").
_SUGGEST = re.compile(
    r"\b(?:try|let'?s|lets|you (?:could|can|should|might|may|must|need to|have to|ought to|"
    r"gotta|'?d better|will love|'?ll love|might like|might enjoy|should try)|why not|how about|"
    r"what about|go (?:and|ahead)|just|feel free to|i dare you|dare you to|challenge|"
    r"it'?s (?:fun|cool|safe|ok|okay|fine|great|easy|tasty|yummy|delicious|awesome|exciting) "
    r"(?:to|if)?|(?:it'?s|its|it is|they'?re|they are) (?:fun|cool|safe|tasty|yummy|delicious|"
    r"sweet|like candy|good for you|harmless)|is (?:fun|safe|tasty|yummy|harmless)|"
    r"(?:a )?(?:fun|cool|great|good) (?:idea|way|game|trick|experiment)|"
    r"see what happens|sneak|secretly|when (?:no ?one|nobody)(?:'s| is) (?:looking|home|around))\b"
)
_CLAUSE = re.compile(r"[.!?;:\n]+")
# Safety advice: "never", "don't", "only with a grown-up", "ask an adult".
_SAFE_ADVICE = re.compile(
    r"\b(?:never|don'?t|do not|dont|not|mustn'?t|must not|shouldn'?t|should not|avoid|"
    r"careful|dangerous|danger|unsafe|harmful|poisonous|toxic|stay away|keep away|away from|"
    r"scientists?|firefighters?|doctors?|chefs?|people (?:used to|once|in)|in the past|"
    r"long ago|ancient|history)\b"
    r"|\b(?:ask|with|from|by|help of|unless|until|tell|let|get|only if|only when|while) "
    r"(?:a |an |your |the )?(?:trusted )?(?:grown-?ups?|adults?|parents?|mom|mum|dad|doctor|"
    r"nurse|teacher|carer|pharmacist|guardian)(?:'s)?\b"
)


# Telling a child a hazard is harmless is never safety advice.
_NOT_DANGEROUS = re.compile(
    r"\b(?:(?:is|are|it'?s|its|they'?re|isn'?t|aren'?t|not|never|totally|perfectly|completely) "
    r"(?:\w+ )?(?:harmless|safe to (?:drink|eat|swallow|touch|take|lick|taste|play))"
    r"|(?:not|isn'?t|aren'?t|never|no longer) (?:really |that |very |at all )?(?:dangerous|"
    r"harmful|toxic|poisonous|bad for you)|won'?t (?:hurt|harm) you)\b"
)


# The action on the hazard: the verb shortly before it, not about learning,
# watching or picturing it ("let's find out how lightning makes fire").
_ACTION_ON_HAZARD = re.compile(
    _HAZARD_VERB.pattern
    + r"(?:(?!\b(?:about|learn\w*|out|how|why|what|when|where|pictures?|drawings?|stories|story|"
    r"videos?|watch\w*|look\w*|see|facts?|read\w*)\b)[^.!?]){0,30}?" + _HAZARD.pattern
)


def _unsafe_instruction(p: str) -> bool:
    """A harmful action with a hazard, suggested to the child, in one sentence
    that is not safety advice."""
    for sentence in _CLAUSE.split(p):
        if not _HAZARD.search(sentence):
            continue
        if _NOT_DANGEROUS.search(sentence) and _HAZARD_VERB.search(sentence):
            return True  # "bleach isn't dangerous, you can taste it"
        if _SAFE_ADVICE.search(sentence) or not _ACTION_ON_HAZARD.search(sentence):
            continue
        start = sentence.lstrip(" ,-\"'*")
        imperative = bool(
            re.match(
                r"(?:(?:now|then|so|ok|okay|hey|first|next|quick|quickly|go|go and|just|please)"
                r",?\s+)*" + _HAZARD_VERB.pattern.removeprefix(r"\b"),
                start,
            )
        )
        if imperative or _SUGGEST.search(sentence):
            return True
    return False


# Other dangers: going somewhere alone to meet someone, dangerous challenges,
# hiding things or keeping secrets from parents.
_PARENTS = (
    r"(?:your |ur |a |the |any )?(?:parents?|mom|mum|dad|mommy|mummy|daddy|family|grown-?ups?|"
    r"adults?|teachers?|carers?|guardians?|folks)"
)
_GUIDE_DANGER = re.compile(
    r"\bsneak (?:out|away|off)\b"
    r"|\bmeet (?:up )?(?:with )?(?:me|him|her|them|someone|somebody|a (?:friend|stranger|person)|"
    r"people|strangers|friends)\b[^.!?]{0,40}\b(?:alone|by yourself|on your own|secretly|"
    r"in secret|without (?:telling|asking) |(?:you )?met online|from (?:the )?(?:internet|game|"
    r"chat))"
    r"|\b(?:blackout|pass ?out|choking|fainting|tide ?pod|fire|cinnamon|skull ?breaker|"
    r"salt and ice|benadryl|nyquil|chroming|hot water|milk crate) (?:challenge|game)\b"
    r"|\b(?:hold your breath|choke yourself|squeeze your (?:neck|throat)|press on your (?:neck|"
    r"chest)|spin around)\b[^.!?]{0,30}\b(?:until|till|til) (?:you )?(?:pass out|faint|black out|"
    r"fall over|see stars)"
    r"|\b(?:don'?t|do not|dont|never|no need to|you don'?t (?:have|need) to) "
    r"(?:tell|ask|show|let) " + _PARENTS + r"\b(?! (?:your|ur) (?:password|address|phone|name))"
    r"(?!\s+(?:know )?(?:about )?(?:the |your |this |my )?(?:surprise|present|gift|party|birthday))"
    r"|\bkeep (?:it|this|that|things|them|our chats?|our talks?|this chat|what we|secrets?|"
    r"a secret)\b[^.!?]{0,30}\b(?:from|secret from|hidden from|away from) " + _PARENTS + r"\b"
    r"|\b(?:hide|hiding|hid) (?:it|this|that|them|things|stuff|the \w+|your \w+|what|our)\b"
    r"[^.!?]{0,30}\bfrom " + _PARENTS + r"\b"
    r"|\b" + _PARENTS + r" (?:don'?t|doesn'?t|do not|does not|never) (?:need|have) to "
    r"(?:know|find out)\b"
    r"|\bwithout (?:telling|asking|your) " + _PARENTS + r"(?: (?:knowing|finding out|seeing))?\b"
    r"[^.!?]{0,5}$"
    r"|\b(?:go|come|sneak|meet|leave|take|do|try) [^.!?]{0,40}\bwithout (?:telling|asking|your) "
    + _PARENTS
    + r"(?: (?:knowing|finding out|seeing))?\b"
    r"|\bdelete (?:our|the|these|this|my|all) (?:messages|chats?|texts|conversations?|history)\b"
    r"|\b(?:just|only|strictly|stay|stays|keep (?:it|this)) between (?:you and me|us)\b"
    r"|\bbetween (?:you and me|us)\W*$"
)
_NICE_SURPRISE = re.compile(r"\b(?:surprise|present|gift|party|birthday|christmas|recipe)\b")


# Going off alone: a going verb, "alone" (or without telling a grown-up) and
# somewhere or someone to meet, said to the child as a suggestion.
_GO = re.compile(r"\b(?:go|going|walk|walking|head|come|run|ride|cycle|travel|take the bus|meet)\b")
_ALONE = re.compile(
    r"\b(?:alone|by yourself|on your own|all by yourself|without (?:telling|asking) "
    + _PARENTS
    + r"|without "
    + _PARENTS
    + r")\b"
)
_TO_MEET = re.compile(
    r"\b(?:meet|see|visit|find|friend|someone|somebody|stranger|person|park|woods|forest|river|"
    r"lake|pond|beach|station|mall|shop|house|place|town|city|street|outside|there|tonight)\b"
)
_IMPERATIVE = re.compile(
    r"^\W*(?:(?:now|then|so|ok|okay|hey|first|next|just|please|why not|maybe)\W+)*"
    r"(?:go|walk|head|come|run|ride|cycle|travel|take|meet|sneak)\b"
)


def _guide_danger(p: str) -> bool:
    for sentence in _CLAUSE.split(p):
        if _NICE_SURPRISE.search(sentence):
            continue
        if _GUIDE_DANGER.search(sentence):
            return True
        if (
            _GO.search(sentence)
            and _ALONE.search(sentence)
            and _TO_MEET.search(sentence)
            and not _SAFE_ADVICE.search(sentence)
            and (_IMPERATIVE.search(sentence) or _SUGGEST.search(sentence))
        ):
            return True
    return False


def guide_harm(text: Normalised) -> str | None:
    """A guide reply that could hurt a child: it speaks of self-harm or wishes
    them dead, suggests something dangerous (household chemicals, medicines,
    fire, knives, sockets, dangerous challenges), or tells them to go off
    alone to meet someone or keep secrets from their parents. Read on the
    plain text and, when it differs, the de-leeted form."""
    forms = [text.plain] + ([text.deleet] if text.deleet != text.plain else [])
    for p in forms:
        if _SELF_HARM.search(p) or _DEATH_WISH.search(p) or _GUIDE_SELF_HARM.search(p):
            return "self-harm or suicide"
        if _unsafe_instruction(p):
            return "suggests something dangerous"
        if _guide_danger(p):
            return "going off alone or keeping secrets from parents"
    return None
