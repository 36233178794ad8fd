"""Coach: AI assistants for teachers, with a long-term memory of each teacher (seed 004)."""
