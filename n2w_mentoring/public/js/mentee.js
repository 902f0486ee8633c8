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

// The Protected tab: the mentee's special-category data, kept in their Mentee Protected Data record
// (programme staff only), shown here and edited in its own form.
const N2W_PROTECTED = "Mentee Protected Data";
const N2W_PROTECTED_FIELDS = [
	["nationality", "Nationality"],
	["country_of_origin", "Country of origin"],
	["residence_status", "Residence status"],
	["right_to_work", "Right to work"],
	["personal_story", "Personal story"],
	["health_notes", "Health (only what the mentoring needs)"],
];

frappe.ui.form.on("Mentee", {
	refresh(frm) {
		const field = frm.get_field("protected_data_html");
		if (!field || frm.is_new() || !frappe.model.can_read(N2W_PROTECTED)) return;
		frm.add_custom_button(__("Protected information"), () => n2w_open_protected(frm));
		frappe.db.get_value(N2W_PROTECTED, frm.doc.name, N2W_PROTECTED_FIELDS.map(([f]) => f)).then(
			({ message }) => field.$wrapper.html(n2w_protected_html(message))
		);
	},
});

function n2w_open_protected(frm) {
	frappe.db.exists(N2W_PROTECTED, frm.doc.name).then((exists) => {
		if (exists) {
			frappe.set_route("Form", N2W_PROTECTED, frm.doc.name);
		} else {
			frappe.new_doc(N2W_PROTECTED, { mentee: frm.doc.name });
		}
	});
}

function n2w_protected_html(values) {
	const esc = frappe.utils.escape_html;
	if (!values || !Object.keys(values).length) {
		return `<p class="text-muted">${__("Nothing recorded yet. Use the Protected information button to record it.")}</p>`;
	}
	const rows = N2W_PROTECTED_FIELDS.map(
		([fieldname, label]) =>
			`<tr><th class="text-muted" style="width: 30%">${esc(__(label))}</th>` +
			`<td style="white-space: pre-wrap">${esc(n2w_protected_value(fieldname, values[fieldname]))}</td></tr>`
	).join("");
	return `<table class="table table-bordered">${rows}</table>`;
}

// Select options are shown in the user's language; free text as written.
function n2w_protected_value(fieldname, value) {
	if (!value) return "";
	return ["residence_status", "right_to_work"].includes(fieldname) ? __(value) : value;
}

// The intake period: one of the mentee's programme's intakes.
frappe.ui.form.on("Mentee", {
	setup(frm) {
		frm.set_query("intake", () => ({
			query: "n2w_mentoring.network.programme_intakes",
			params: { programme: frm.doc.programme },
		}));
	},
	programme(frm) {
		frm.set_value("intake", "");
	},
});
