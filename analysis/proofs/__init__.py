"""Proof requirements (减证便民): loops, duplicates, proofs without legal basis or replaceable by
shared data, and how many offices a citizen must visit — with a recommendation for every proof.

    catalog = load_catalog(data, file="proofs.json")        # or catalog_from_xlsx(data, file=...)
    report = analyze(catalog, max_issuers=3)
    report.findings / report.items / report.proofs / report.summary / report.item_chain(item_id)
"""

from .chain import ChainGraph
from .loader import load_catalog
from .model import SHARED_SOURCES, Item, Proof, ProofCatalog, normalise_name
from .report import Cycle, ItemFigures, ProofLine, ProofReport, analyze
from .rules import CANCEL, KEEP, PLEDGE, RECOMMENDATIONS, SHARE
from .xlsx import catalog_from_xlsx, catalog_template_xlsx

__all__ = [
    "CANCEL", "KEEP", "PLEDGE", "RECOMMENDATIONS", "SHARE", "SHARED_SOURCES",
    "ChainGraph", "Cycle", "Item", "ItemFigures", "Proof", "ProofCatalog", "ProofLine", "ProofReport",
    "analyze", "catalog_from_xlsx", "catalog_template_xlsx", "load_catalog", "normalise_name",
]
