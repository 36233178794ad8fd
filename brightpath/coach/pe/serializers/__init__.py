"""The PE API's request and answer shapes, in camelCase.

Limits are checked by the services (which pages call too); these parse types and
document the shapes for the OpenAPI schema. A student's medical notes and
accommodations appear only in `PeStudentSerializer` (the teacher's own view of one
student), never in a summary.
"""
