// Duo form: the way to the convention, the action plan and the meetings of a duo.
frappe.ui.form.on("Duo", {
	refresh(frm) {
		if (frm.is_new()) return;
		const open = ["Accepted", "Active", "Suspended"].includes(frm.doc.status);
		if (open) {
			frm.add_custom_button(__("Convention"), () => open_or_create(frm, "Convention"), __("Create"));
			frm.add_custom_button(__("Action Plan"), () => open_or_create(frm, "Action Plan"), __("Create"));
		}
		if (["Active", "Suspended", "Accepted"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Meeting"), () => {
				frappe.new_doc("Meeting", { duo: frm.doc.name });
			}, __("Create"));
		}
		if (frm.doc.health_signals) {
			// Stored as the signals' English labels, one a line: shown in the reader's language.
			const signals = frm.doc.health_signals.split("\n").filter(Boolean).map((label) => __(label));
			frm.dashboard.set_headline_alert(
				`<span class="indicator orange">${__("Needs attention")}: ${frappe.utils.escape_html(signals.join(" · "))}</span>`
			);
		}
		if (frm.doc.planned_end) {
			const held = frm.doc.meetings_held || 0;
			frm.dashboard.add_comment(
				__("{0} meetings held; the duo ends on {1}.", [held, frappe.datetime.str_to_user(frm.doc.planned_end)]),
				"blue",
				true
			);
		}
	},
});

function open_or_create(frm, doctype) {
	frappe.db.get_value(doctype, { duo: frm.doc.name, docstatus: ["<", 2] }, "name").then(({ message }) => {
		if (message && message.name) {
			frappe.set_route("Form", doctype, message.name);
		} else {
			frappe.new_doc(doctype, { duo: frm.doc.name });
		}
	});
}
