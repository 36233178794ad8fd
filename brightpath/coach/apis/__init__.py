"""Coach's API under /api/coach/: each module lists its own routes (see urls.py)."""
