"""A login sends the browser back only to a path of this site (no open redirect)."""

import pytest

from n2w_mentoring.programme.redirects import HOME, local_target


@pytest.mark.parametrize(
	"target",
	["/mentoring", "/mentoring/duo?name=DUO-2026-0001", "/app/duo", "/mentoring/meeting?duo=D%201#x"],
)
def test_a_path_of_this_site_is_followed(target):
	assert local_target(target) == target


@pytest.mark.parametrize(
	"target",
	[
		None,
		"",
		"https://evil.example",
		"http://evil.example/mentoring",
		"//evil.example",
		"///evil.example",
		"/\\evil.example",
		"\\\\evil.example",
		"javascript:alert(1)",
		"mentoring",
		"/mentoring\n/x",
		"/ /evil.example",
		"\t//evil.example",
		"/mentoring/login",
		"/mentoring/login/?redirect-to=/x",
		"/login",
		["/mentoring"],
	],
)
def test_anything_else_goes_home(target):
	assert local_target(target) == HOME
	assert local_target(target, "/x") == "/x"
