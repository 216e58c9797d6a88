"""Training entry points: ``python -m govtext.train.classifier``, ``python -m govtext.train.drafter``."""
