// Copyright (c) 2026, n2w_mentoring contributors
// For license information, please see license.txt

frappe.query_reports["Duo Outcomes"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
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
			get_query: () => {
				const centre = frappe.query_report.get_filter_value("centre");
				return centre ? { filters: { centre } } : {};
			},
		},
		{
			fieldname: "intake",
			label: __("Intake period"),
			fieldtype: "Autocomplete",
			get_query: () => ({
				query: "n2w_mentoring.network.programme_intakes",
				params: { programme: frappe.query_report.get_filter_value("programme") },
			}),
		},
		{
			fieldname: "chart",
			label: __("Chart"),
			fieldtype: "Select",
			options: [
				{ value: "status", label: __("Duos by status over time") },
				{ value: "milestones", label: __("Outcomes at 3, 6 and 12 months") },
			],
			default: "status",
		},
	],
	onload(report) {
		n2w_funder_export_button(report);
	},
};

function n2w_funder_export_button(report) {
	for (const format of ["xlsx", "csv"]) {
		report.page.add_inner_button(
			__("Funder export ({0})", [format.toUpperCase()]),
			() => {
				const filters = report.get_values();
				if (!filters) return;
				const params = new URLSearchParams({
					from_date: filters.from_date,
					to_date: filters.to_date,
					partner_organisation: filters.partner_organisation || "",
					centre: filters.centre || "",
					programme: filters.programme || "",
					intake: filters.intake || "",
					file_format: format,
				});
				window.open(`/api/method/n2w_mentoring.kpis.funder_export?${params.toString()}`);
			},
			__("Export")
		);
	}
}
