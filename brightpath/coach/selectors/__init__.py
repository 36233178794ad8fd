"""Coach's reads, each scoped to the teacher who asks."""
