"""Service-guide check (办事指南体检): find unclear guides and the same item published differently.

    guides = read_guides(data, file="guides.json")        # JSON, JSON Lines or the xlsx template
    findings = check_guides(guides, standard=load_standard(cat, file="catalog.json"))

See docs/analysis/guides.md for the rules, the CLI and the JSON shape.
"""

from __future__ import annotations

from .check import check_guide, check_guides
from .files import read_guides
from .loader import GuideInputError, guide_from_dict, load_guides, load_standard
from .model import KINDS, NOTE_KINDS, Days, Guide, GuideFinding, Material, ReadFault, Step
from .xlsx import guides_from_xlsx, guides_template_xlsx

__all__ = [
    "KINDS", "NOTE_KINDS", "Days", "Guide", "GuideFinding", "GuideInputError", "Material", "ReadFault", "Step",
    "check_guide", "check_guides",
    "guide_from_dict", "guides_from_xlsx", "guides_template_xlsx", "load_guides", "load_standard", "read_guides",
]
