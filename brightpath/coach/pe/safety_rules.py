"""When conditions, equipment and risk are safe enough to start an activity.

Pure rules (no database), applied when a check is recorded and when a routine is
about to start. The thresholds follow common school PE guidance: no vigorous
activity in heat (above 32 C, or above 27 C with humidity over 80 %), in frost
(below 0 C), or when the air quality index is unhealthy (above 150); sports halls
need at least 200 lux; a wet, icy, uneven or damaged surface stops play.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import vocabulary as v

TEMPERATURE_MIN, TEMPERATURE_MAX = 0.0, 32.0  # degrees C
HUMID_HEAT_TEMPERATURE, HUMID_HEAT_HUMIDITY = 27.0, 80.0
AIR_QUALITY_MAX = 150.0  # AQI: above is "unhealthy"
LIGHTING_MIN = 200.0  # lux
EQUIPMENT_MIN_RATING = 0.6
EQUIPMENT_CHECK_VALID_DAYS = 7  # an equipment check covers a week of lessons


@dataclass(frozen=True)
class Issue:
    field: str
    problem: str

    def as_json(self) -> dict:
        return {"field": self.field, "problem": self.problem}


def environment_issues(
    *,
    temperature: float,
    humidity: float,
    air_quality: float,
    lighting: float,
    surface: dict,
    equipment_condition: dict,
) -> list[Issue]:
    """Why the conditions are unsafe for activity (empty when they are fine)."""
    issues = []
    if temperature > TEMPERATURE_MAX:
        issues.append(Issue("temperature", f"{temperature:g} C is above {TEMPERATURE_MAX:g} C."))
    elif temperature < TEMPERATURE_MIN:
        issues.append(Issue("temperature", f"{temperature:g} C is below freezing."))
    elif temperature > HUMID_HEAT_TEMPERATURE and humidity > HUMID_HEAT_HUMIDITY:
        issues.append(
            Issue(
                "humidity",
                f"{humidity:g} % humidity at {temperature:g} C is a heat-illness risk.",
            )
        )
    if air_quality > AIR_QUALITY_MAX:
        issues.append(
            Issue("airQuality", f"Air quality index {air_quality:g} is unhealthy (above 150).")
        )
    if lighting < LIGHTING_MIN:
        issues.append(Issue("lighting", f"{lighting:g} lux is too dim (at least 200)."))
    condition = surface.get("condition")
    if condition not in v.SAFE_SURFACES:
        issues.append(Issue("surfaceConditions.condition", f"The surface is {condition}."))
    for index, obstruction in enumerate(surface.get("obstructions") or []):
        issues.append(
            Issue(f"surfaceConditions.obstructions[{index}]", f"Obstruction: {obstruction}.")
        )
    overall = equipment_condition.get("overall")
    if overall is not None and overall not in v.SAFE_EQUIPMENT_CONDITIONS:
        issues.append(Issue("equipmentCondition.overall", f"The equipment is {overall}."))
    for index, item in enumerate(equipment_condition.get("items") or []):
        if item["condition"] not in v.SAFE_EQUIPMENT_CONDITIONS:
            issues.append(
                Issue(
                    f"equipmentCondition.items[{index}]",
                    f"{item['name']} is {item['condition']}.",
                )
            )
    return issues


def equipment_problems(
    *,
    condition: str,
    safety_rating: float,
    next_maintenance: dt.date | None,
    replacement_date: dt.date | None,
    on: dt.date,
) -> list[str]:
    """Why a kind of equipment is not safe to use on day `on` (empty when it is)."""
    problems = []
    if condition not in v.SAFE_EQUIPMENT_CONDITIONS:
        problems.append(f"Its condition is {condition}.")
    if safety_rating < EQUIPMENT_MIN_RATING:
        problems.append(f"Its safety rating {safety_rating:g} is below {EQUIPMENT_MIN_RATING}.")
    if next_maintenance is not None and next_maintenance < on:
        problems.append(f"Maintenance was due on {next_maintenance.isoformat()}.")
    if replacement_date is not None and replacement_date <= on:
        problems.append(f"It was due for replacement on {replacement_date.isoformat()}.")
    return problems


def risk_problems(*, risk_level: str, mitigation_measures: list[str]) -> list[str]:
    """Why an assessed risk does not allow the activity (empty when it does)."""
    if risk_level == "critical":
        return ["The risk is critical: change the activity or its setting and assess again."]
    if risk_level == "high" and not mitigation_measures:
        return ["The risk is high and no mitigation measures are recorded."]
    return []


def risk_level_for(probability: float, impact: float) -> str:
    """The risk level a probability and an impact (both 0-1) make, when none is given."""
    score = probability * impact
    if score >= 0.6:
        return "critical"
    if score >= 0.35:
        return "high"
    if score >= 0.15:
        return "medium"
    return "low"
