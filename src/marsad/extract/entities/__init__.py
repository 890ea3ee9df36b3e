"""Entities: people, organisations and places — the CRF NER with its features, the
gazetteer and alias tables that give canonical names and coordinates, titles and roles."""
