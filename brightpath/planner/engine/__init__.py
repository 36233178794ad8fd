"""BrightPath's scheduler: pure Python + OR-Tools CP-SAT. Imports no Django."""
