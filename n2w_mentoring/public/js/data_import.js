// Imports of the programme's records: staff undo an import's records together (docs/import.md).
frappe.ui.form.on("Data Import", {
	refresh(frm) {
		const doctypes = [
			"Partner Organisation",
			"Mentor",
			"Mentee",
			"Mentee Protected Data",
			"Duo",
			"Convention",
			"Meeting",
		];
		if (frm.is_new() || !doctypes.includes(frm.doc.reference_doctype)) return;
		if (!["Success", "Partial Success"].includes(frm.doc.status)) return;
		frm.add_custom_button(__("Undo this import"), () => {
			frappe.confirm(
				__("Remove every record this import created? Undo the later imports first."),
				() =>
					frappe
						.xcall("n2w_mentoring.importing.undo_import", { data_import: frm.doc.name })
						.then((count) => {
							frappe.show_alert({
								message: __("{0} records removed.", [count]),
								indicator: "green",
							});
							frm.reload_doc();
						})
			);
		});
	},
});
