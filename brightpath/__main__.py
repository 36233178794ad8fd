"""`python -m brightpath COMMAND ...`: the project's management commands.

Dashes in command names are accepted (`import-family` runs `import_family`).
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["python -m brightpath", *args])


if __name__ == "__main__":
    main()
