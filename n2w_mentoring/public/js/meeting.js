// Meeting form: pick the objectives worked on from the duo's action plan.
frappe.ui.form.on("Meeting", {
	refresh(frm) {
		if (frm.doc.docstatus !== 0 || !frm.doc.duo) return;
		frm.add_custom_button(__("Add objectives from the action plan"), () => add_plan_objectives(frm));
	},
});

function add_plan_objectives(frm) {
	frappe.db.get_value("Action Plan", { duo: frm.doc.duo }, "name").then(({ message }) => {
		if (!message || !message.name) {
			frappe.msgprint(__("This duo has no action plan yet."));
			return;
		}
		frappe.model.with_doc("Action Plan", message.name).then((plan) => {
			const taken = new Set((frm.doc.objectives || []).map((r) => r.plan_objective));
			const options = (plan.objectives || [])
				.filter((r) => !taken.has(r.name))
				.map((r) => ({ label: `${__(r.axis)} · ${r.objective}`, value: r.name }));
			if (!options.length) {
				frappe.msgprint(__("Every objective of the plan is already listed."));
				return;
			}
			const dialog = new frappe.ui.Dialog({
				title: __("Objectives worked on"),
				fields: [{ fieldname: "rows", fieldtype: "MultiCheck", label: __("Objectives"), options }],
				primary_action_label: __("Add"),
				primary_action(values) {
					for (const name of values.rows || []) {
						const source = plan.objectives.find((r) => r.name === name);
						frm.add_child("objectives", {
							plan_objective: name,
							objective: source.objective,
							axis: source.axis,
						});
					}
					frm.refresh_field("objectives");
					dialog.hide();
				},
			});
			dialog.show();
		});
	});
}
