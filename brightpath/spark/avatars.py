"""The pictures a child's profile may have: Spark's own avatars (never a photo).

One mapping, by the id stored in `Child.avatar_id`, to the emoji the pages draw;
the services accept only these ids, and the web pages show these pictures.
"""

AVATARS: dict[str, str] = {
    "fox": "\N{FOX FACE}",
    "owl": "\N{OWL}",
    "rocket": "\N{ROCKET}",
    "whale": "\N{SPOUTING WHALE}",
    "dragon": "\N{DRAGON}",
    "robot": "\N{ROBOT FACE}",
    "panda": "\N{PANDA FACE}",
    "unicorn": "\N{UNICORN FACE}",
    "turtle": "\N{TURTLE}",
    "astronaut": "\N{ADULT}\N{ZERO WIDTH JOINER}\N{ROCKET}",
    "octopus": "\N{OCTOPUS}",
    "lion": "\N{LION FACE}",
}
DEFAULT_AVATAR = "fox"
