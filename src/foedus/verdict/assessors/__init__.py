"""Claim assessors of the model families (one module per family)."""
