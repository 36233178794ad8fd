"""The API's JSON renderer: it answers even for data that is not valid Unicode.

The parsers refuse lone surrogates (brightpath.common.parsers), but a row saved
before they did may still hold one (SQLite stores a JSON value's "\\ud800" escape
as it came). DRF's renderer writes UTF-8 and would crash on it with a 500, so the
owner could never load their data again. This one writes such an answer with
\\uXXXX escapes instead (ensure_ascii), which is valid JSON the client can read
and save back once corrected. Every other answer is unchanged.
"""

from rest_framework import renderers


class JSONRenderer(renderers.JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            return _AsciiJSONRenderer().render(data, accepted_media_type, renderer_context)


class _AsciiJSONRenderer(renderers.JSONRenderer):
    ensure_ascii = True
