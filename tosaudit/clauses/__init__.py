"""Unfavourable-clause detection: patterns, the trained model, their combination, buried scores."""
