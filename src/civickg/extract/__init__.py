"""Mention extraction and canonicalisation: persons, offices, organizations, documents,
meetings, places. ``civickg.pipeline.extract`` runs the registered extractors in order."""
