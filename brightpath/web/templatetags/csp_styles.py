"""Values computed per element (a bar's width, a child's colour) without style="".

The Content-Security-Policy refuses inline style attributes: allowing them
('unsafe-inline') would let any markup slipped into a page restyle it. Instead
`{% style_class "left: {}%; width: {}%" block.left block.width %}` turns the
declarations into a class named after their hash, and `{% inline_styles %}` at the
end of the page writes every such rule once, in a <style> carrying the request's
CSP nonce. Values are checked to be numbers or hex colours, so nothing a user typed
can reach the style sheet.

Not for a page a script re-reads with DOMParser (the week, today): the fetched page's
<style> carries that response's nonce, and the browser reports it as refused.
"""

import hashlib
import re
from decimal import Decimal

from django import template
from django.utils.html import format_html

register = template.Library()

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}")
_RULES = "_inline_style_rules"


def _css_value(value) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    elif isinstance(value, float | Decimal):
        value = f"{value:.4f}".rstrip("0").rstrip(".")
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if _NUMBER.fullmatch(value) or _COLOUR.fullmatch(value) else None


@register.simple_tag(takes_context=True)
def style_class(context, declarations: str, *values) -> str:
    """The class that applies `declarations` with each {} filled by one value, in order;
    empty when a value is neither a number nor a hex colour (the element keeps its
    stylesheet look rather than take an unchecked value)."""
    checked = [_css_value(value) for value in values]
    if any(value is None for value in checked):
        return ""
    css = declarations.format(*checked)
    name = "s-" + hashlib.blake2s(css.encode(), digest_size=5).hexdigest()
    request = context["request"]
    rules = getattr(request, _RULES, None)
    if rules is None:
        rules = {}
        setattr(request, _RULES, rules)
    rules[name] = css
    return name


@register.simple_tag(takes_context=True)
def inline_styles(context) -> str:
    """The page's style_class rules in one nonced <style>; nothing when there are none.
    Place it after every style_class of the page (the end of <body>)."""
    request = context.get("request")
    rules = getattr(request, _RULES, None) if request is not None else None
    if not rules:
        return ""
    sheet = "".join(f".{name}{{{css}}}" for name, css in rules.items())
    return format_html('<style nonce="{}">{}</style>', request.csp_nonce, sheet)
