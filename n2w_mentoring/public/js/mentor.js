// Mentor form: mentees waiting for a match who suit this mentor, each with a score and its reasons.
frappe.ui.form.on("Mentor", {
	onload(frm) {
		// A new mentor belongs to the centre of the user's default programme unless changed.
		if (!frm.is_new() || frm.doc.centre) return;
		frappe.call({ method: "n2w_mentoring.network.default_centre", type: "GET" }).then(({ message }) => {
			if (message && !frm.doc.centre) frm.set_value("centre", message);
		});
	},
	refresh(frm) {
		if (frm.is_new() || !frappe.user.has_role(["Mentoring Manager", "Mentoring Coordinator"])) return;
		frm.add_custom_button(__("Suggest mentees"), () => suggest_mentees(frm));
		frm.add_custom_button(__("Why not this mentee?"), () => n2w_why_not(frm, "Mentee"));
	},
});

function suggest_mentees(frm) {
	frappe.call({
		method: "n2w_mentoring.api.matching.suggest_mentees",
		type: "GET",
		args: { mentor: frm.doc.name },
		freeze: true,
		freeze_message: __("Looking for mentees…"),
	}).then(({ message }) => {
		const dialog = new frappe.ui.Dialog({
			title: __("Mentees for {0}", [frappe.utils.escape_html(message.mentor_name)]),
			size: "extra-large",
			fields: [{ fieldtype: "HTML", fieldname: "list" }],
		});
		const body = dialog.fields_dict.list.$wrapper;
		body.html(n2w_mentee_table(message));
		body.on("click", "[data-propose]", (event) => {
			const mentee = $(event.currentTarget).attr("data-propose");
			frappe.call({
				method: "n2w_mentoring.api.matching.propose_duo",
				args: { mentee, mentor: frm.doc.name },
				freeze: true,
			}).then(({ message: created }) => {
				dialog.hide();
				frappe.show_alert({ message: __("Duo {0} proposed", [created.duo]), indicator: "green" });
				frappe.set_route("Form", "Duo", created.duo);
			});
		});
		dialog.show();
	});
}

function n2w_mentee_table(message) {
	const esc = frappe.utils.escape_html;
	const notices = (message.notices || [])
		.map((text) => `<div class="alert alert-warning">${esc(text)}</div>`)
		.join("");
	if (!message.suggestions.length) {
		return notices + `<p class="text-muted">${__("No available match meets the programme's constraints.")}</p>`;
	}
	const rows = message.suggestions
		.map((row) => {
			const reasons = row.reasons
				.map((r) => `<li>${esc(r.message)} <span class="text-muted">(+${Math.round(r.share)})</span></li>`)
				.concat((row.limits || []).map((text) => `<li class="text-muted">– ${esc(text)}</li>`))
				.join("");
			return `<tr>
				<td class="text-right"><b>${Math.round(row.score)}</b></td>
				<td><a href="/app/mentee/${encodeURIComponent(row.mentee)}" target="_blank">${esc(row.full_name)}</a></td>
				<td><ul class="list-unstyled mb-0">${reasons}</ul></td>
				<td><button class="btn btn-xs btn-default" data-propose="${esc(row.mentee)}">${__("Propose duo")}</button></td>
			</tr>`;
		})
		.join("");
	return `${notices}<table class="table table-bordered">
		<thead><tr><th>${__("Score")}</th><th>${__("Mentee")}</th><th>${__("Why")}</th><th></th></tr></thead>
		<tbody>${rows}</tbody></table>`;
}
