"""Word lists for the safety rules (lower case, after `text.plain`).

Kept small and explicit: each list is read by one rule, named where it is used.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Common given names of children (and a few adults) across English-speaking
# countries and the families in them. Read only by the self-introduction rule
# ("i'm lucas", "it's amelia here", "call me lily"), which also needs the words
# around the name, so a name that is also a word ("i'm max level") is not a
# self-introduction. Words that are mostly not names after "I'm" are left out
# (will, may, june, april, summer, sunny, happy, rich, frank, chance).
FIRST_NAMES = _words(
    """
    aaliyah aaron abby abdul abdullah abigail ada adam addison adrian aiden aisha
    aitana alan albert alex alexa alexander alexandra alexis alfie ali alice alicia
    aliyah allison alyssa amara amber amelia amina amir amy ana andre andrea andrew
    andy angel angela angelina ann anna annabelle anthony antonio archie aria ariana
    ariel arjun arlo arthur asher ashley aubrey audrey aurora austin ava avery axel
    ayaan ayden bailey beatrice bella ben benjamin bentley blake bobby bonnie brandon
    brayden brianna brody brooke brooklyn bruno bryce bryson caleb callum calvin
    camila cameron carlos carmen carter cassie catherine charlie charlotte chloe
    chris christian christopher claire clara cole colin connor cooper cora daisy
    damian daniel daniela danny darius david dean declan delilah denise derek
    diana diego dominic dylan easton eden edward eleanor elena eli elias elijah
    elisa eliza elizabeth ella ellie eloise elsa emilia emily emma emmanuel eric
    erin esme esther ethan eva evan evelyn ezekiel ezra faith fatima felix finley
    finn florence freddie freya gabriel gabriella gavin genesis george georgia
    gianna grace gracie graham grayson gus hailey hamza hana hannah harley harper
    harrison harry harvey hassan hazel heidi henry holly hudson hugo ian ibrahim
    imani iris isaac isabel isabella isabelle isaiah isla ismael ivan ivy jace
    jack jackson jacob jade jaden jake james jamie jasmine jason jasper javier jay
    jayden jayla jaylen jenna jennifer jesse jessica jesus jimmy joanna joe joel
    john johnny jonah jonathan jordan jose joseph josh joshua josiah joy juan
    jude julia julian juliana juliet justin kai kaiden kaitlyn karen kate katie
    kayla kaylee keira kevin khalid kiara kinsley kwame kyle kylie laila lana
    landon laura lauren layla leah leila leo leon leonardo levi liam lila lily
    lincoln lisa logan lola lorenzo louis louise luca lucas lucia lucy luis luke
    luna lydia mabel maddie madelyn madison maisie malachi malia manuel marco
    marcus maria mariam mariana marley martin mary mason matilda matteo matthew
    mateo maya mckenzie megan mia micah michael miguel mila milan miles millie
    miriam mohammed mohammad molly muhammad mya nadia naomi natalie nathan nathaniel
    nevaeh nia nicholas nicole nina noah noel nolan nora nova oliver olivia omar
    oscar owen paige paisley parker patrick paul penelope peter peyton phoebe piper
    poppy priya quinn rachel rafael raj ravi reagan rebecca reese riley robert
    roman ronan rosa rosie ruby ryan ryder rylee saanvi sadie sam samantha samir
    samuel sara sarah savannah sawyer scarlett sebastian serenity sienna silas simon
    skylar sofia sophia sophie stella stephanie steven sydney tanya taylor teddy
    thea theo theodore thomas tiana toby tommy tristan tyler valentina valeria
    vanessa victoria vihaan violet wesley william willow wyatt xavier yara yusuf
    zach zachary zara zayn zion zoe zoey
    max evie tilly ollie izzy lexi jojo sammy nate tom tommy tim ted jim dan rob nick
    matt ben bella maddie abby becky jenny billy benny alfie eddie frankie lottie
    millie rosie freddie archie reggie stanley albie sonny ronnie teddy bea
    """
)

# Common family names, for "i'm noah smith" written all in lower case.
SURNAMES = _words(
    """
    adams ahmed ali allen anderson bailey baker bell bennett brooks brown butler
    campbell carter chen clark collins cook cooper cox cruz davies davis diaz
    edwards evans fisher flores foster garcia gomez gonzalez gray green griffin
    hall harris hernandez hill hughes hughes jackson james jenkins johnson jones
    kelly kennedy khan kim king lee lewis lopez martin martinez miller mitchell
    moore morales morgan morris murphy murray nelson nguyen obrien o'brien o'connor
    oconnor ortiz parker patel perez perry peterson phillips powell price ramirez
    reed reyes richardson rivera roberts robinson rodriguez rogers ross russell
    sanchez sanders scott shah sharma singh smith stewart sullivan taylor thomas
    thompson torres turner walker ward watson white williams wilson wong wood
    wright young
    """
)

# Places that are too large to find a child by (a country, a nation, a state
# or province, a continent): "i live in canada" is safe, "i live in leeds" is
# not. Multi-word names are matched as phrases.
BROAD_PLACES = _words(
        """
        afghanistan albania algeria america argentina armenia asia australia austria africa
        antarctica bangladesh belgium bolivia bosnia brazil britain bulgaria cambodia
        cameroon canada chile china colombia croatia cuba cyprus czechia denmark ecuador
        egypt england estonia ethiopia europe fiji finland france georgia germany ghana
        greece guatemala haiti honduras hungary iceland india indonesia iran iraq ireland
        israel italy jamaica japan jordan kazakhstan kenya korea kosovo kuwait laos latvia
        lebanon libya lithuania luxembourg madagascar malawi malaysia mali malta mexico
        moldova mongolia morocco mozambique myanmar namibia nepal netherlands holland
        nicaragua niger nigeria norway oman pakistan panama paraguay peru philippines poland
        portugal qatar romania russia rwanda scotland senegal serbia singapore slovakia
        slovenia somalia spain sudan sweden switzerland syria taiwan tanzania thailand
        tunisia turkey uganda ukraine uruguay usa us uk uae venezuela vietnam wales yemen
        zambia zimbabwe alabama alaska arizona arkansas california colorado connecticut
        delaware florida hawaii idaho illinois indiana iowa kansas kentucky louisiana maine
        maryland massachusetts michigan minnesota mississippi missouri montana nebraska
        nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia
        washington wisconsin wyoming alberta manitoba ontario quebec saskatchewan queensland
        tasmania victoria
        """
) | frozenset(
    [
        "new zealand", "south africa", "united states", "united kingdom", "the us",
        "the usa", "the uk", "the united states", "the united kingdom", "new jersey",
        "new mexico", "new york state", "north carolina", "south carolina",
        "north dakota", "south dakota", "west virginia", "rhode island",
        "new hampshire", "british columbia", "nova scotia", "new south wales",
        "western australia", "south australia", "northern ireland", "sri lanka",
        "saudi arabia", "costa rica", "puerto rico", "el salvador",
        "dominican republic", "the philippines", "the netherlands", "north america",
        "south america", "hong kong", "the north", "the south", "the east", "the west",
    ]
)  # fmt: skip

# What may follow "i live in" without naming a place.
LIVE_IN_GENERIC = _words(
    """
    a an the my our this that one some house home flat apartment city town village
    country countryside suburbs suburb hood neighbourhood neighborhood farm tent
    caravan castle igloo treehouse cave forest jungle desert world earth space
    fear peace hope mars venus jupiter saturn pluto moon future past school park
    heaven hell
    """
)

# Offensive words, matched as whole words (after `text.deleet`). Slurs are
# included so they are caught however they are spelled; the model catches the
# long tail.
SWEARS = _words(
    """
    fuck fucks fucked fucker fuckers fucking fuckin fukin fuckhead fuckface
    motherfucker motherfucking mf mofo fuk fuking fuked fck fcking fcuk fuq phuck fuc
    fking fkn shit shits shitty shite shithead bullshit sh1t sht
    shiz horseshit dipshit bitch bitches bitchy biatch btch bich beotch cunt cunts
    twat wanker wank wanking tosser bollocks bellend asshole assholes arsehole
    dumbass jackass asshat dickhead dickface cocksucker
    bastard bastards whore whores slut sluts skank
    nigger niggers nigga niggas nigg faggot faggots fag fags dyke retard retards
    retarded tard spaz spastic chink spic kike wetback tranny
    porn porno nudes horny dildo blowjob handjob cum jizz boner
    stfu gtfo wtf wth omfg lmfao ffs bs piss pissed pissing crap crappy damn dammit
    damnit goddamn goddammit
    """
)

# Insults that are offensive when aimed at someone ("you're dumb"), not when a
# child asks about a thing ("what was the dumbest dinosaur").
INSULTS = _words(
    """
    stupid stoopid stupidest stuped stupit stupd stpid stuipd stewpid stupidd dumb dum dumm
    dumbo dummy dumbest idiot idiots idiotic idot idjit idit dik
    idoit moron morons moronic loser losers looser ugly fat fatso useless
    pathetic freak weirdo jerk jerks pig trash garbage stinky smelly
    worthless noob nerd crybaby butthead buttface poopyhead
    poophead dork imbecile ass arse dick prick liar scum muppet joke disgrace
    plonker numpty twit nitwit dimwit halfwit airhead bonehead knucklehead meathead
    """
)
# Insults that are offensive on their own, aimed at no one in particular.
STRONG_INSULTS = _words(
    """
    idiot idiots moron morons stupid stoopid dumbass loser butthead buttface
    poopyhead poophead dickhead imbecile fatso dummy dumbo jerk weirdo dork crybaby
    """
)
# Insults that name a person ("what an idiot", "you loser"), for patterns
# without a verb; adjectives that also describe things (fat, lame) are left out.
INSULT_NOUNS = _words(
    """
    idiot idiots moron morons loser losers looser dummy dumbo dumbass jerk jerks
    freak weirdo noob nerd crybaby butthead buttface poopyhead poophead dork
    imbecile retard retards dickhead bastard liar scum pig bum dik turd hoe muppet
    plonker numpty twit nitwit dimwit halfwit airhead bonehead knucklehead meathead
    blockhead dumbhead disgrace
    """
)
