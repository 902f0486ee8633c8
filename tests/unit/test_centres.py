"""A mentor's centre and the programmes they may serve (n2w_mentoring/programme/centres.py)."""

from hypothesis import given
from hypothesis import strategies as st

from n2w_mentoring.programme.centres import foreign_programmes, main_centre, may_serve


def test_the_main_centre_is_the_one_of_most_programmes_the_first_on_a_tie():
	assert main_centre(["Liège", "Namur", "Namur"]) == "Namur"
	assert main_centre(["Liège", "Namur"]) == "Liège"
	assert main_centre([None, "", "Namur"]) == "Namur"
	assert main_centre([]) is None


def test_a_mentor_serves_their_own_centre_or_a_programme_open_to_the_network():
	assert may_serve("Namur", "Namur", False)
	assert not may_serve("Namur", "Liège", False)
	assert may_serve("Namur", "Liège", True)
	assert not may_serve(None, None, False)  # no centre: not "the same centre"


def test_foreign_programmes_lists_those_the_mentor_may_not_serve():
	rows = [("Jobs Namur", "Namur", False), ("Jobs Liège", "Liège", True), ("Youth Liège", "Liège", False)]
	assert foreign_programmes("Namur", rows) == ["Youth Liège"]


@given(st.lists(st.sampled_from(["A", "B", "C", None]), max_size=8))
def test_the_main_centre_is_one_of_the_centres_given(centres):
	found = main_centre(centres)
	assert found is None if not any(centres) else found in centres
