// Copyright (c) 2026, n2w_mentoring contributors
// For license information, please see license.txt

frappe.query_reports["Duos Needing Attention"] = {
	filters: [
		{
			fieldname: "coordinator",
			label: __("Coordinator"),
			fieldtype: "Link",
			options: "User",
			default: frappe.session.user,
		},
		{
			fieldname: "partner_organisation",
			label: __("Partner organisation"),
			fieldtype: "Link",
			options: "Partner Organisation",
		},
		{
			fieldname: "centre",
			label: __("Centre"),
			fieldtype: "Link",
			options: "Mentoring Centre",
		},
		{
			fieldname: "programme",
			label: __("Programme"),
			fieldtype: "Link",
			options: "Mentoring Programme",
		},
	],
};
