"""Words for matching: tokens, a light stemmer and a teaching lexicon.

BM25 matches words, and a teacher rarely asks with the words she used weeks
before ("a reading activity" for "Maya has dyslexia"). So documents and queries
are both expanded with *concepts*: each group of the lexicon below is a token
("~reading") added wherever one of its terms appears. The groups are general
knowledge of schools (needs, accommodations, subjects, kinds of work), not
phrases from any conversation.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")


def words_of(block: str) -> list[str]:
    """The whitespace-separated words of a block of text (for word lists)."""
    return block.split()


STOPWORDS = frozenset(
    words_of(
        """
        a about above after again against all am an and any are aren't as at be because been
        before being below between both but by can can't cannot could couldn't did didn't do
        does doesn't doing don't down during each few for from further get got had hadn't has
        hasn't have haven't having he he'd he'll he's her here here's hers herself him himself
        his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me
        more most mustn't my myself no nor not of off on once only or other ought our ours
        ourselves out over own same shan't she she'd she'll she's should shouldn't so some such
        than that that's the their theirs them themselves then there there's these they they'd
        they'll they're they've this those through to too under until up very was wasn't we we'd
        we'll we're we've were weren't what what's when when's where where's which while who
        who's whom why why's will with won't would wouldn't you you'd you'll you're you've your
        yours yourself yourselves also really pretty quite s t d ll ve re m ok okay oh um like
        please thanks thank hi hey can could would maybe kind sort lot lots thing things stuff
        going want need make give
        """
    )
)

_ORDINALS = {
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
    "sixth": "6th",
    "seventh": "7th",
    "eighth": "8th",
    "ninth": "9th",
    "tenth": "10th",
    "eleventh": "11th",
    "twelfth": "12th",
}

# Concept groups: name -> comma-separated terms (words are stemmed; phrases match in order).
LEXICON: dict[str, str] = {
    "reading": "read, reading, reader, readers, literacy, phonics, decoding, decode, fluency, "
    "comprehension, dyslexia, dyslexic, book, books, novel, passage, passages, story, stories, "
    "sight words, guided reading, read aloud, audiobook, audiobooks",
    "writing": "write, writing, writer, essay, essays, paragraph, paragraphs, journal, journals, "
    "handwriting, spelling, grammar, dysgraphia, sentence, sentences, narrative",
    "math": "math, maths, mathematics, arithmetic, fraction, fractions, decimal, decimals, "
    "algebra, geometry, equation, equations, multiplication, division, subtraction, addition, "
    "numbers, dyscalculia, calculus, statistics, percent, percentages, ratio, ratios, integers, "
    "graphing, times tables",
    "science": "science, biology, chemistry, physics, lab, labs, experiment, experiments, "
    "ecosystem, ecosystems, cells, photosynthesis, ngss, scientific, hypothesis, weather, energy, "
    "cloud, clouds, rain, rocks, rock cycle, minerals, fossils, geology, volcano, volcanoes, "
    "earthquake, plate tectonics, dissection, microscope, microscopes, circuits, forces, density",
    "history": "history, historical, social studies, civics, government, economics, geography, "
    "war, revolution, primary sources, dbq, constitution",
    "language": "ell, ells, esl, english learner, english learners, multilingual, bilingual, "
    "newcomer, newcomers, spanish, portuguese, arabic, mandarin, french, vietnamese, "
    "translation, translate, translated, wida, cognates, learning english",
    "attention": "adhd, attention, focus, focusing, distracted, distractible, fidget, fidgets, "
    "hyperactive, impulsive, wiggly, movement breaks, movement break, restless",
    "autism": "autism, autistic, asd, sensory, meltdown, meltdowns, routine, routines, "
    "transitions, visual schedule, headphones, overstimulated",
    "emotional": "anxiety, anxious, nervous, stress, stressed, panic, shy, selective mutism, "
    "trauma, emotional, cold call, cold calling, overwhelmed",
    "advanced": "gifted, advanced, accelerated, enrichment, extension, extensions, "
    "early finisher, early finishers, finishes early, finish early, challenge, ahead, talented",
    "struggling": "struggle, struggles, struggling, behind, below grade level, intervention, "
    "remedial, catch up, scaffold, scaffolds, scaffolding, reteach",
    "hearing": "deaf, hearing, hard of hearing, hearing aid, hearing aids, captions, "
    "captioned, asl",
    "vision": "vision, visual impairment, visually impaired, blind, low vision, glasses, "
    "large print, colorblind, colourblind, color blind, magnifier",
    "mobility": "wheelchair, mobility, crutches, cerebral palsy, physical disability, "
    "fine motor, walker",
    "medical": "allergy, allergies, allergic, peanut, peanuts, nut, nuts, gluten, latex, epipen, "
    "asthma, inhaler, diabetes, diabetic, insulin, seizure, seizures, epilepsy, medical, nurse, "
    "medication",
    "accommodation": "iep, ieps, 504, accommodation, accommodations, modification, "
    "modifications, extended time, extra time, differentiate, differentiation, differentiated, "
    "modify, modified, adapted, scribe, chunked, chunking",
    "assessment": "quiz, quizzes, test, tests, exam, exams, assessment, assessments, assess, "
    "exit ticket, exit tickets, formative, summative, rubric, rubrics, retake, retakes, kahoot, "
    "blooket, quizizz, multiple choice",
    "homework": "homework, take home, take-home, assignment, assignments",
    "groupwork": "group work, groups, partner, partners, pairs, collaborative, cooperative, "
    "team, teams, stations, centers, jigsaw",
    "handson": "hands-on, manipulatives, demo, demos, demonstration, build, building, "
    "project, projects, stem, maker, experiment, experiments",
    "technology": "chromebook, chromebooks, ipad, ipads, laptop, laptops, computer, computers, "
    "device, devices, tablet, tablets, internet, wifi, online, google classroom, desmos, "
    "projector, smartboard, screen, screens, app, apps, technology, tech, slides",
    "time": "minutes, minute, period, periods, block schedule, hour, hours, bell schedule",
    "behavior": "behavior, behaviour, disruptive, classroom management, talking, chatty, rowdy, "
    "discipline, noisy, energetic, off task",
    "family": "parent, parents, family, families, guardian, guardians, conference, "
    "conferences, newsletter, letter home, email home",
    "materials": "budget, supplies, materials, printer, printing, copies, photocopies, ink, "
    "money, funds, black and white",
    "worksheets": "worksheet, worksheets, handout, handouts, printable, printables, packet, "
    "packets",
    "feedback": "feedback, comments, critique, critiques, conferring",
    "outdoors": "outside, outdoor, outdoors, gym, field, playground, recess, sports",
    "arts": "art, drawing, painting, clay, ceramics, music, singing, song, songs, instrument, "
    "instruments, recorder, recorders, rhythm, drama",
    "speech": "speech delay, stutter, stutters, articulation, nonverbal, non-verbal, aac, "
    "speech therapy, speech therapist",
    "testprep": "state test, standardized, staar, regents, sat, act, ap exam, test prep, exam prep",
    "poetry": "poem, poems, poetry, poet, haiku, sonnet, sonnets, verse, free verse, rhyme, "
    "rhymes, stanza, stanzas, slam, blackout poetry, spoken word",
    "engineering": "engineering, engineer, robotics, robot, robots, vex, lego, gears, gear, "
    "design challenge, prototype, coding, code, programming, makerspace",
    "games": "game, games, bingo, jeopardy, scavenger hunt, escape room, competition, "
    "kahoot, blooket, quizizz, card game, board game, review game",
    "discussion": "discussion, discussions, discuss, seminar, seminars, socratic, debate, "
    "debates, circle, circles, talk, book club, book clubs, book talk, turn and talk",
    "notes": "notes, notebook, notebooks, guided notes, note taking, lecture, lectures, "
    "direct instruction",
    "presentation": "presentation, presentations, present, presenting, public speaking, "
    "speech, speeches, share aloud, sharing",
    "crafts": "craft, crafts, collage, glue, cutting, scissors, paint, painting, messy, mess, "
    "sink, cleanup, clean up",
    "nature": "nature, outdoor, outdoors, outside, walk, garden, gardens, trees, tree, forest, "
    "park, pollinators, wetlands, field trip, bugs, insects, plants",
    "review": "review, reviews, test review, study guide, study guides, exam review, "
    "retrieval practice, spiral review, recap",
    "engagement": "engaged, engaging, engagement, loved, enjoyed, fun, hit, success, excited, "
    "bored, boring",
}

# Words that name a concept's *kind* of memory, added to documents of that category.
CATEGORY_WORDS = {
    "preference": "prefer preference style format",
    "class": "class teach grade students",
    "student": "student students needs support",
    "what_worked": "worked success engaged activity",
    "what_failed": "failed avoid activity",
    "goal": "goal focus unit",
    "constraint": "constraint limit",
    "context": "",
}


def stem(word: str) -> str:
    """A light suffix stripper: plurals, -ing, -ed, -ly and a final e."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement, minimum in (
        ("zzes", "z", 6),
        ("ies", "y", 5),
        ("sses", "ss", 5),
        ("ing", "", 6),
        ("ed", "", 5),
        ("ly", "", 6),
        ("es", "", 6),
        ("s", "", 4),
    ):
        if word.endswith(suffix) and len(word) >= minimum:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            word = word[: len(word) - len(suffix)] + replacement
            if suffix in ("ing", "ed") and len(word) > 3 and word[-1] == word[-2]:
                word = word[:-1]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def normalise(text: str) -> str:
    """Lower case, ordinals as digits ("fifth" -> "5th"), hyphens and apostrophes as spaces."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[-'/]", " ", text)
    return " ".join(_ORDINALS.get(w, w) for w in text.split())


def words(text: str) -> list[str]:
    """The stemmed content words of `text`, in order, stopwords left out."""
    return [stem(w) for w in _WORD.findall(normalise(text)) if w not in STOPWORDS]


@lru_cache(maxsize=1)
def _concept_matchers() -> tuple[dict[str, set[str]], list[tuple[str, str]]]:
    single: dict[str, set[str]] = {}
    phrases: list[tuple[str, str]] = []
    for concept, terms in LEXICON.items():
        for term in terms.split(","):
            parts = [stem(w) for w in _WORD.findall(normalise(term))]
            if len(parts) == 1:
                single.setdefault(parts[0], set()).add(concept)
            elif parts:
                phrases.append((" " + " ".join(parts) + " ", concept))
    return single, phrases


def concepts(tokens: list[str]) -> set[str]:
    """The lexicon's concepts that the stemmed `tokens` (stopwords kept) mention."""
    single, phrases = _concept_matchers()
    found: set[str] = set()
    for token in tokens:
        found |= single.get(token, set())
    if len(tokens) > 1:
        joined = " " + " ".join(tokens) + " "
        found.update(concept for phrase, concept in phrases if phrase in joined)
    return found


def analyse(text: str, extra: str = "") -> list[str]:
    """The tokens BM25 indexes for `text`: its stemmed words, then its concepts ("~reading").

    `extra` (tags, the category's words) is added as words too.
    """
    tokens = words(text)
    if extra:
        tokens += words(extra)
    return tokens + ["~" + c for c in sorted(concepts(all_words(text)))]


def plain_words(text: str) -> list[str]:
    """The words of `text`, normalised but neither stemmed nor filtered."""
    return _WORD.findall(normalise(text))


def all_words(text: str) -> list[str]:
    """Every stemmed word of `text`, stopwords kept (phrases like "hard of hearing" need them)."""
    return [stem(w) for w in _WORD.findall(normalise(text))]


def content_words(text: str) -> set[str]:
    """The set of stemmed content words, for comparing two statements."""
    return set(words(text))
