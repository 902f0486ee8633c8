"""The portal's home: the user's duos, each with its status, next meeting, progress and coordinator."""

from frappe import _

from n2w_mentoring.portal import (
	duo_card,
	language,
	next_meetings,
	page_context,
	party_of,
	plain_post,
	require_login,
	user_duos,
	user_organisations,
)

no_cache = 1
sitemap = 0


def get_context(context):
	user = require_login()
	plain_post.handle(context)
	duos = user_duos(user)
	upcoming = {}
	for meeting in next_meetings([d.name for d in duos]):
		upcoming.setdefault(meeting.duo, meeting)
	context.cards = [duo_card(d, party_of(d, user), upcoming) for d in duos]
	context.organisations = user_organisations(user)
	context.has_calendar = bool(duos)
	# A mentee is asked for their consent to the current privacy notice, in their language.
	context.consent = language.consent_to_ask(user)
	# The mentee chooses their language; mentors and partners read the portal in fr/nl/en.
	context.language_choices = language.choices() if language.mentee_of(user) else None
	return page_context(context, _("My mentoring"))
