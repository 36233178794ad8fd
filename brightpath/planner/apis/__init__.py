"""HTTP for the planner, one module per area; each module lists its routes."""
