"""Plan a week from a questionnaire file, without a database.

    python -m brightpath schedule FAMILY.json --week 2026-01-05 [--json] [--time-limit S]
        [--formulation cp-sat|days]

Exit status: 0 when every hard rule holds, 1 when the validator finds a
violation (a bug), 2 for invalid input.
"""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from brightpath.common.errors import Invalid
from brightpath.common.times import clock
from brightpath.onboarding.questionnaire.serializers import validate_submission
from brightpath.planner.engine.questionnaire import week_from_questionnaire
from brightpath.planner.engine.solver import FORMULATIONS
from brightpath.planner.engine.validator import validate
from brightpath.planner.services import GENERATION_METHOD
from brightpath.planner.shapes import solver_json, unplaced_json


class InvalidInput(CommandError):
    def __init__(self, message: str):
        super().__init__(message, returncode=2)


class Command(BaseCommand):
    help = "Print the best week for every child of a questionnaire file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--week", required=True, help="The Monday, YYYY-MM-DD.")
        parser.add_argument("--json", action="store_true", dest="as_json", help="JSON output.")
        parser.add_argument("--time-limit", type=float, default=5.0, help="Seconds (default 5).")
        parser.add_argument(
            "--formulation",
            choices=list(FORMULATIONS),
            default="cp-sat",
            help="The engine's model: cp-sat (the default) or days (column generation).",
        )

    def handle(
        self,
        *args,
        file: Path,
        week: str,
        as_json: bool,
        time_limit: float,
        formulation: str = "cp-sat",
        **options,
    ):
        try:
            monday = dt.date.fromisoformat(week)
        except ValueError:
            raise InvalidInput(f"--week: {week!r} is not a date (YYYY-MM-DD).") from None
        if monday.weekday() != 0:
            raise InvalidInput(f"--week: {monday} is a {monday:%A}; give the Monday.")
        submission = self._read(file)
        plan = week_from_questionnaire(submission, monday)
        result = FORMULATIONS[formulation](plan, time_limit=time_limit)
        method = GENERATION_METHOD if formulation == "cp-sat" else f"{formulation}_v1"
        violations = validate(plan, result)
        self.stdout.write(self._json(plan, result, method) if as_json else self._text(plan, result))
        if violations:
            for v in violations:
                self.stderr.write(f"rule {v.rule}: {v.message}")
            raise CommandError("The schedule breaks a hard rule (a bug).", returncode=1)

    def _read(self, file: Path) -> dict:
        try:
            data = json.loads(file.read_text())
        except (OSError, ValueError) as exc:
            raise InvalidInput(f"{file}: {exc}") from exc
        try:
            return validate_submission(data)
        except Invalid as exc:
            lines = [f"  {p}: {'; '.join(m)}" for p, m in exc.fields.items()]
            raise InvalidInput(
                f"{file} is not a valid questionnaire:\n" + "\n".join(lines)
            ) from exc

    def _json(self, plan, result, method: str) -> str:
        schedules = []
        for child in plan.children:
            days = []
            for day in plan.days:
                items = [
                    {
                        "type": "subject",
                        "name": s.name,
                        "startTime": clock(s.start),
                        "endTime": clock(s.end),
                        "subjectId": s.subject_id,
                    }
                    for s in result.for_child(child.id)
                    if s.day == day
                ] + [
                    {
                        "type": "commitment",
                        "name": b.name,
                        "startTime": clock(b.start),
                        "endTime": clock(b.end),
                        "isExternal": True,
                    }
                    for b in child.commitments.get(day, ())
                ]
                items.sort(key=lambda item: item["startTime"])
                days.append({"date": day.isoformat(), "dayOfWeek": f"{day:%A}", "items": items})
            schedules.append(
                {
                    "child": child.name,
                    "weekStartDate": plan.days[0].isoformat(),
                    "version": 1,
                    "generationMethod": method,
                    "days": days,
                }
            )
        return json.dumps(
            {
                "schedules": schedules,
                "unplaced": [unplaced_json(u) for u in result.unplaced],
                "solver": solver_json(result.stats),
            },
            indent=2,
        )

    def _text(self, plan, result) -> str:
        lines = []
        for child in plan.children:
            lines.append(
                f"\n{child.name} ({child.age}), {clock(child.day_start)}-{clock(child.day_end)}"
            )
            for day in plan.days:
                entries = [
                    (s.start, s.end, s.name, s.involvement.replace("_", " "))
                    for s in result.for_child(child.id)
                    if s.day == day
                ]
                entries += [
                    (b.start, b.end, b.name, "commitment") for b in child.commitments.get(day, ())
                ]
                lines.append(f"  {day:%A %d %b}")
                for start, end, name, note in sorted(entries):
                    lines.append(f"    {clock(start)}-{clock(end)}  {name}  ({note})")
        if result.unplaced:
            lines.append("\nNot placed:")
            lines += [f"  - {u.reason}" for u in result.unplaced]
        stats = result.stats
        lines.append(f"\nSolver: {stats.status}, gap {stats.gap:.2%}, {stats.wall_time:.2f} s")
        return "\n".join(lines)
