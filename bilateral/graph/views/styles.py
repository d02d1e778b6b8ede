"""How the HTML graph looks: colours and shapes by class, colours by domain.

>>> style(frozenset({"Actor", "State"}), "State")
('State', '#2b6cb0', 'hexagon')
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["CLASS_STYLES", "DOMAIN_COLORS", "OTHER_COLOR", "style"]

#: class -> (colour, vis shape), most specific first
CLASS_STYLES: dict[str, tuple[str, str]] = {
    "State": ("#2b6cb0", "hexagon"),
    "Person": ("#dd6b20", "dot"),
    "SecurityAgency": ("#c53030", "square"),
    "ArmedForces": ("#822727", "square"),
    "GovernmentBody": ("#2f855a", "square"),
    "Bank": ("#b7791f", "diamond"),
    "Company": ("#d69e2e", "diamond"),
    "ReligiousOrganization": ("#6b46c1", "triangle"),
    "PoliticalParty": ("#d53f8c", "triangleDown"),
    "SupranationalUnion": ("#2c7a7b", "star"),
    "MediaOrganization": ("#4a5568", "square"),
    "Organization": ("#718096", "square"),
    "Group": ("#a0aec0", "dot"),
    "Facility": ("#8b5e34", "triangle"),
    "Place": ("#a27b5c", "triangle"),
    "Sector": ("#9c9c94", "box"),
    "Dependency": ("#e53e3e", "dot"),
    "Scenario": ("#805ad5", "star"),
    "Assessment": ("#718096", "dot"),
    "Agreement": ("#3182ce", "dot"),
    "Event": ("#38a169", "dot"),
    "Relation": ("#dd6b20", "dot"),
    "Role": ("#a0aec0", "dot"),
    "Statement": ("#a0aec0", "dot"),
}
DOMAIN_COLORS = {
    "political": "#d53f8c",
    "diplomatic": "#805ad5",
    "economic": "#d69e2e",
    "energy": "#dd6b20",
    "finance": "#2f855a",
    "trade": "#319795",
    "security": "#c53030",
    "military": "#742a2a",
    "information": "#3182ce",
    "religious": "#6b46c1",
}
OTHER_COLOR = "#8a8a85"


def style(classes: Sequence[str] | frozenset[str], cls: str) -> tuple[str, str, str]:
    """(group name, colour, shape) for a node of class ``cls`` with ancestors ``classes``."""
    if cls in CLASS_STYLES:
        return (cls, *CLASS_STYLES[cls])
    for name, style in CLASS_STYLES.items():
        if name in classes:
            return (name, *style)
    return (cls or "Thing", OTHER_COLOR, "dot")
