"""The user's planned meetings, as a download and as a private address for a phone's calendar."""

from frappe import _

from n2w_mentoring.portal import next_meetings, page_context, plain_post, require_login, user_duos
from n2w_mentoring.portal.calendar_feed import current_token, feed_url

no_cache = 1
sitemap = 0


def get_context(context):
	user = require_login()
	plain_post.handle(context)
	duos = user_duos(user)
	token = current_token(user)
	context.is_party = bool(duos)
	context.upcoming = next_meetings([d.name for d in duos])
	context.feed_url = feed_url(token) if token else ""
	return page_context(context, _("My calendar"), back=("/mentoring", _("My mentoring")))
