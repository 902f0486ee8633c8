// Copyright (c) 2026, n2w_mentoring contributors
// For license information, please see license.txt

frappe.query_reports["Programme KPIs"] = {
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
	],
	onload(report) {
		n2w_funder_export_button(report);
		report.page.add_inner_button(
			__("Impact summary (PDF)"),
			() => {
				const filters = report.get_values();
				if (!filters) return;
				if (!filters.programme) {
					frappe.msgprint(__("Choose a programme."));
					return;
				}
				const params = new URLSearchParams({
					programme: filters.programme,
					from_date: filters.from_date,
					to_date: filters.to_date,
				});
				window.open(`/api/method/n2w_mentoring.kpis.impact_summary?${params.toString()}`);
			},
			__("Export")
		);
	},
	// Counts show as whole numbers; rates and averages keep their decimal.
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "value" && Number.isInteger(value)) {
			column = { ...column, fieldtype: "Int" };
		}
		return default_formatter(value, row, column, data);
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
