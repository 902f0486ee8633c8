// Mentee form: mentors suggested for this mentee, each with a score and the reasons for it.
frappe.ui.form.on("Mentee", {
	refresh(frm) {
		if (frm.is_new() || !frappe.user.has_role(["Mentoring Manager", "Mentoring Coordinator"])) return;
		frm.add_custom_button(__("Suggest mentors"), () => suggest_mentors(frm));
		frm.add_custom_button(__("Why not this mentor?"), () => n2w_why_not(frm, "Mentor"));
	},
});

function suggest_mentors(frm) {
	frappe.call({
		method: "n2w_mentoring.api.matching.suggest_mentors",
		type: "GET",
		args: { mentee: frm.doc.name },
		freeze: true,
		freeze_message: __("Looking for mentors…"),
	}).then(({ message }) => {
		const dialog = new frappe.ui.Dialog({
			title: __("Mentors for {0}", [frappe.utils.escape_html(message.mentee_name)]),
			size: "extra-large",
			fields: [{ fieldtype: "HTML", fieldname: "list" }],
		});
		const body = dialog.fields_dict.list.$wrapper;
		body.html(n2w_suggestion_table(message, "Mentor", "mentor"));
		body.on("click", "[data-propose]", (event) => {
			const mentor = $(event.currentTarget).attr("data-propose");
			frappe.call({
				method: "n2w_mentoring.api.matching.propose_duo",
				args: { mentee: frm.doc.name, mentor },
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

// A table of suggestions: score, name, reasons (with each criterion's share), and a "Propose duo" button.
function n2w_suggestion_table(message, doctype, key) {
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
			const link = `/app/${frappe.router.slug(doctype)}/${encodeURIComponent(row[key])}`;
			return `<tr>
				<td class="text-right"><b>${Math.round(row.score)}</b></td>
				<td><a href="${link}" target="_blank">${esc(row.full_name)}</a></td>
				<td><ul class="list-unstyled mb-0">${reasons}</ul></td>
				<td>${
					message.can_propose === false
						? ""
						: `<button class="btn btn-xs btn-default" data-propose="${esc(row[key])}">${__("Propose duo")}</button>`
				}</td>
			</tr>`;
		})
		.join("");
	return `${notices}<table class="table table-bordered">
		<thead><tr><th>${__("Score")}</th><th>${__(doctype)}</th><th>${__("Why")}</th><th></th></tr></thead>
		<tbody>${rows}</tbody></table>`;
}
