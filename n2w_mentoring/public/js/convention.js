// Convention form: record a signature on paper for a party in one click.
frappe.ui.form.on("Convention", {
	refresh(frm) {
		if (frm.doc.docstatus !== 0 || frm.is_new()) return;
		const unsigned = (frm.doc.signatories || []).filter((r) => !r.signed_on);
		if (!unsigned.length) return;
		frm.add_custom_button(__("Record a signature"), () => {
			const dialog = new frappe.ui.Dialog({
				title: __("Record a signature"),
				fields: [
					{
						fieldname: "row",
						fieldtype: "Select",
						label: __("Signatory"),
						reqd: 1,
						options: unsigned.map((r) => ({ label: `${__(r.party)}: ${r.signatory_name}`, value: r.name })),
					},
					{ fieldname: "signed_on", fieldtype: "Date", label: __("Signed on"), reqd: 1, default: frappe.datetime.get_today() },
				],
				primary_action_label: __("Save"),
				primary_action(values) {
					const row = frm.doc.signatories.find((r) => r.name === values.row);
					frappe.model.set_value(row.doctype, row.name, { signed_on: values.signed_on, signature_method: "On paper" });
					dialog.hide();
					frm.save();
				},
			});
			dialog.show();
		});
	},
});
