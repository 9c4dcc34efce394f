"""civickg-awards: awards and honours conferred on persons and organizations.

Installed, it plugs into civickg through the ``civickg.extensions`` entry point ``register``:
its ontology module and shapes are loaded with the core ones, its extractor finds conferrals in
each article and its mapper writes them as ``ckg:AwardConferral`` nodes with provenance.
"""

from __future__ import annotations

from pathlib import Path

from civickg.registry import Registry

__all__ = ["ONTOLOGY", "SHAPES", "register"]

HERE = Path(__file__).resolve().parent
ONTOLOGY = HERE / "awards.ttl"
SHAPES = HERE / "awards-shapes.ttl"


def register(registry: Registry) -> None:
    """Add the module, the shapes, the extractor and the mapper to ``registry``."""
    from civickg_awards.extract import extract_awards
    from civickg_awards.mapping import map_awards

    registry.ontology_module(ONTOLOGY)
    registry.shapes(SHAPES)
    registry.extractor("awards.conferrals", produces=["ckg:AwardConferral", "ckg:Award"], order=60)(extract_awards)
    registry.mapper("awards.conferrals", order=70, produces=[
        "ckg:Award", "ckg:Order", "ckg:Medal", "ckg:PartyBadge", "ckg:CertificateOfMerit",
        "ckg:EmulationFlag", "ckg:HonoraryTitle", "ckg:AwardConferral", "ckg:conferredAward",
        "ckg:awardedTo", "ckg:conferredBy", "ckg:conferredByDecision", "ckg:evidence",
        "prov:wasDerivedFrom",
    ])(map_awards)
