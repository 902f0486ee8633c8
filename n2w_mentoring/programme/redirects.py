"""Where a login may send the browser afterwards: a path of this site, never another site."""

from __future__ import annotations

from urllib.parse import urlsplit

HOME = "/mentoring"
# Pages a login never sends back to: the login pages themselves.
LOGIN_PAGES = ("/mentoring/login", "/login")


def local_target(value, default: str = HOME) -> str:
	"""``value`` when it is a relative path of this site ("/mentoring/duo?name=…"), else ``default``.

	Refused: absolute URLs (``https://evil.example``), scheme-relative ones (``//evil.example``),
	backslashes (which browsers read as slashes: ``/\\evil.example``), control characters and
	spaces, anything that does not start with one slash, and the login pages themselves."""
	if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
		return default
	if "\\" in value or any(ord(c) <= 0x20 or ord(c) == 0x7F for c in value):
		return default
	parts = urlsplit(value)
	if parts.scheme or parts.netloc:
		return default
	if parts.path.rstrip("/") in LOGIN_PAGES:
		return default
	return value
