"""CLI command groups of the model families: each module defines ``register(app)``."""
