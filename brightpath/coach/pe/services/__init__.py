"""Every write of the PE module: keyword-only, atomic, validate then save, raising
brightpath.common.errors. One module per area (students, classes, activities, plans,
routines, progress, safety, movement, catalogue)."""
