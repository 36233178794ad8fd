"""The offensive-language model: alt-profanity-check's linear SVM, scored fast.

`profanity_check.predict_prob` runs a TF-IDF vectorizer and a five-fold
`CalibratedClassifierCV(LinearSVC)` through scikit-learn, which costs about
8 ms a call for one short message (input validation, sparse matrices). The
model is linear, so this module reads the library's own fitted vectorizer and
classifiers once (lazily, on first use) and computes the same probability in
pure Python: the analyzer's tokens, TF-IDF weights normalised to unit length,
each fold's decision value and its sigmoid calibration, averaged. It agrees
with `predict_prob` to 1e-9 (the tests check it) at a few microseconds a call.

`score_raw` is the library's reading of the text as given; `score` is what the
filter uses: the same model on the text with a child's everyday vocabulary
masked (see `MASKED`), because the model was trained on adult comments where
"die", "kill", "butt", "penis", "cock" and "hell" mostly meant harm or abuse,
while in a child's question they mostly mean dinosaurs, weeds, bodies and
chickens. The harmful uses of those words are caught by rules instead
("kill yourself", "you suck", "go to hell", "show me your ...").
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass


def _words(block: str) -> list[str]:
    return block.split()


# A child's everyday words that the model over-reads (weights from 0.5 to 4.7
# in its vocabulary). Grouped by why they are innocent for a child.
MASKED = frozenset(
    # Death, danger and history: dinosaurs die out, weeds are killed, wars and
    # bombs are history lessons. Harm to self or others is the distress and
    # threat rules' business.
    _words(
        """
        die died dies dying dead death deaths kill kills killed killing killer killers
        murder murdered murders shoot shot shooting stab stabbed blood bloody bleed bleeding
        hurt hurts poison poisonous weapon weapons bomb bombs war wars gun guns attack fight
        hit punch sword swords knife danger dangerous scary creepy monster monsters ghost
        ghosts zombie zombies evil devil hell heaven cancer sick
        """
    )
    # Bodies and what they do: children ask about all of it.
    + _words(
        """
        penis penises vagina vulva butt butts bum bums bottom bottoms poop poops poo pee
        peeing wee fart farts farting burp burps snot boogers bogies anus breast breasts
        boobs nipple nipples testicles sex sexes sperm semen puberty pregnant period periods
        urine vomit puke naked body bodies smell smells smelly stink stinks stinky sweat
        sweaty gross armpit armpits
        """
    )
    # Animals and food whose names are also slang.
    + _words(
        """
        cock cocks cockerel rooster tit tits booby boobies pig pigs cow cows beaver beavers
        rat rats snake snakes worm worms weasel dog dogs donkey nuts balls ball sausage hoe
        hoes
        """
    )
    # Family, feelings and judgements of things, not of people.
    + _words(
        """
        mom mum mother mama mommy mummy dad daddy father sister brother grandma grandpa baby
        babies hate hates hated hating suck sucks sucked sucking shut fat ugly weird rubbish
        garbage trash ridiculous fool fools nerd nerds crazy mad angry annoying boring lame
        """
    )
    # People and history: identities are not insults.
    + _words(
        """
        gay lesbian black white jew jews jewish muslim muslims christian nazi nazis hitler
        slave slaves slavery racist racism homosexual
        """
    )
)

# Names and titles that contain a slang word.
_PHRASES = re.compile(
    r"\b(?:moby[\s-]+dick|dick[\s-]+whittington|dick\s+tracy|dick\s+van\s+dyke|"
    r"philip\s+k\.?\s+dick|spotted\s+dick|dick\s+king[\s-]+smith|dick\s+turpin|"
    r"cocker\s+spaniel|cockatoo|cockatiel|cock-?a-?doodle(?:-?doo)?|blue\s+tits?|"
    r"great\s+tits?|long-?tailed\s+tits?|coal\s+tits?|blue-footed\s+booby|"
    r"pussy\s*cat|pussy\s+willow|hoover\s+dam|son\s+of\s+god)\b"
)


@dataclass(frozen=True)
class _Fold:
    coef: dict[int, float]
    intercept: float
    a: float
    b: float


@dataclass(frozen=True)
class _Model:
    analyzer: object
    vocabulary: dict[str, int]
    idf: list[float]
    folds: tuple[_Fold, ...]


_lock = threading.Lock()
_model: _Model | None = None


def _load() -> _Model:
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                from profanity_check import profanity_check as lib

                vectorizer, calibrated = lib.vectorizer, lib.model
                folds = []
                for clf in calibrated.calibrated_classifiers_:
                    coef = clf.estimator.coef_.ravel()
                    (calibrator,) = clf.calibrators
                    folds.append(
                        _Fold(
                            coef={i: float(w) for i, w in enumerate(coef) if w},
                            intercept=float(clf.estimator.intercept_[0]),
                            a=float(calibrator.a_),
                            b=float(calibrator.b_),
                        )
                    )
                _model = _Model(
                    analyzer=vectorizer.build_analyzer(),
                    vocabulary=dict(vectorizer.vocabulary_),
                    idf=[float(x) for x in vectorizer.idf_],
                    folds=tuple(folds),
                )
    return _model


def vocabulary() -> dict[str, int]:
    """The model's vocabulary: about 15,000 everyday English words."""
    return _load().vocabulary


_words_lock = threading.Lock()
_dictionary: dict[str, float] | None = None
# Chat spellings and short words the model's vocabulary leaves out (it drops
# English stop words and one-letter tokens).
_CHAT_WORDS = _words(
    """
    i a u r y ur ya yo im ive id ill youre your youre ur dont cant wont isnt didnt doesnt
    lol omg pls plz gonna wanna gotta thats whats hes shes theyre were
    """
)


def dictionary() -> dict[str, float]:
    """Words the filter knows, each with its rarity (the model's idf; stop
    words and chat spellings count as common): the model's vocabulary, English
    stop words, the lexicon's swear words and insults."""
    global _dictionary
    if _dictionary is None:
        with _words_lock:
            if _dictionary is None:
                from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

                from brightpath.spark.safety.lexicon import INSULTS, SWEARS

                model = _load()
                found = {word: model.idf[i] for word, i in model.vocabulary.items()}
                for word in SWEARS | INSULTS:
                    found.setdefault(word, 6.0)
                for word in (*ENGLISH_STOP_WORDS, *_CHAT_WORDS):
                    found[word] = 1.0
                _dictionary = found
    return _dictionary


def warm() -> None:
    """Load the model now (the first check would otherwise pay ~2 s)."""
    _load()
    dictionary()


def _probability(model: _Model, tokens: list[str]) -> float:
    counts = Counter(model.vocabulary[t] for t in tokens if t in model.vocabulary)
    weights = {i: n * model.idf[i] for i, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    total = 0.0
    for fold in model.folds:
        decision = fold.intercept
        if norm:
            decision += sum(w * fold.coef.get(i, 0.0) for i, w in weights.items()) / norm
        z = fold.a * decision + fold.b
        # sklearn's _SigmoidCalibration: expit(-(a * d + b)), written stably.
        total += 1.0 / (1.0 + math.exp(z)) if z < 0 else math.exp(-z) / (1.0 + math.exp(-z))
    return total / len(model.folds)


def score_raw(text: str) -> float:
    """The library's probability that `text` is offensive (as predict_prob)."""
    model = _load()
    return _probability(model, model.analyzer(text))


# "ass" is a donkey when the message is about animals.
_DONKEY = re.compile(r"\b(?:donkey|donkeys|mule|mules|horse|horses|animal|animals|bible)\b")


def score(text: str) -> float:
    """The probability with a child's everyday vocabulary masked."""
    model = _load()
    text = _PHRASES.sub(" ", text)
    masked = MASKED | {"ass", "asses"} if _DONKEY.search(text) else MASKED
    return _probability(model, [t for t in model.analyzer(text) if t not in masked])
