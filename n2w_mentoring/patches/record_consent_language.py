"""A consent records the language of the notice the mentee read. Consents given before that was
recorded were given in the mentee's preferred language (French when none): that is filled in, once;
a consent that has its language keeps it, so running the patch again changes nothing."""

import frappe
from frappe.query_builder.functions import Coalesce

from n2w_mentoring.programme.languages import DEFAULT


def execute():
	mentee = frappe.qb.DocType("Mentee")
	(
		frappe.qb.update(mentee)
		.set(mentee.consent_language, Coalesce(mentee.preferred_language, DEFAULT))
		.where(mentee.consent_given == 1)
		.where(Coalesce(mentee.consent_language, "") == "")
	).run()
	# An empty preferred language is an empty string, not a null.
	(
		frappe.qb.update(mentee)
		.set(mentee.consent_language, DEFAULT)
		.where(mentee.consent_given == 1)
		.where(mentee.consent_language == "")
	).run()
