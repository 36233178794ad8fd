"""Coach's physical-education module (seed 004, PE part): classes, students, activities,
plans, routines, assessments, safety and movement analysis (`movement/` is its pure engine)."""
