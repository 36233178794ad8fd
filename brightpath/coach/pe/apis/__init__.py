"""The PE API under /api/coach/pe/ (namespace "pe"): each module lists its own routes."""
