"""One English sentence that a duty officer can read aloud for an alert."""

from __future__ import annotations

_WHAT = {
    "troop_movement": ("troop or weapons movement", "troop or weapons movements"),
    "strike": ("strike", "strikes"),
    "clash": ("clash", "clashes"),
    "exercise": ("military exercise", "military exercises"),
    "other": ("event", "events"),
}


def summarize(alert: dict) -> str:
    singular, plural = _WHAT.get(alert["event_type"], _WHAT["other"])
    count = alert["count"]
    what = f"{count} {plural}" if count != 1 else f"one {singular}"
    actors = _join(alert["actors"]) if alert["actors"] else "unidentified forces"
    places = alert.get("places") or ([alert["location"]["name"]] if alert["location"] else [])
    place = _join(places) if places else "an unlocated area"
    sources = alert["num_sources"]
    by = f"{sources} source" if sources == 1 else f"{sources} independent sources"
    window = alert["window"]
    return (
        f"{what.capitalize()} by {actors} near {place}, reported by {by} "
        f"between {_hm(window['start'])} and {_hm(window['end'])} UTC."
    )


def _join(names: list[str]) -> str:
    shown = names[:3]
    if len(names) > 3:
        return ", ".join(shown) + f" and {len(names) - 3} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _hm(moment: str) -> str:
    return moment.replace("T", " ")[:16]
