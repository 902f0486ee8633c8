// "Why not this mentor?" (from a mentee) and "Why not this mentee?" (from a mentor): pick the other
// person, read the hard rule that excludes the pair, or its score, each criterion's share and its rank.
window.n2w_why_not = function (frm, about) {
	const doctype = about; // the kind of person asked about: "Mentor" or "Mentee"
	const dialog = new frappe.ui.Dialog({
		title: about === "Mentor" ? __("Why not this mentor?") : __("Why not this mentee?"),
		size: "large",
		fields: [
			{
				fieldtype: "Link",
				fieldname: "other",
				label: __(doctype),
				options: doctype,
				reqd: 1,
				change() {
					const other = dialog.get_value("other");
					if (other) ask(other);
				},
			},
			{ fieldtype: "HTML", fieldname: "answer" },
		],
		primary_action_label: __("Explain"),
		primary_action(values) {
			ask(values.other);
		},
	});
	const body = dialog.fields_dict.answer.$wrapper;

	function ask(other) {
		const args =
			about === "Mentor"
				? { mentee: frm.doc.name, mentor: other, about }
				: { mentee: other, mentor: frm.doc.name, about };
		body.html(`<p class="text-muted">${__("Looking…")}</p>`);
		frappe
			.call({ method: "n2w_mentoring.api.matching.why_not_pair", type: "GET", args })
			.then(({ message }) => body.html(render(message)));
	}

	function render(answer) {
		const esc = frappe.utils.escape_html;
		const name = about === "Mentor" ? answer.mentor_name : answer.mentee_name;
		let html = `<p><b>${esc(name)}</b> — ${esc(answer.verdict)}</p>`;
		if (answer.excluded) {
			html += `<ul>${answer.problems.map((p) => `<li>${esc(p)}</li>`).join("")}</ul>`;
			return html;
		}
		const rows = answer.criteria
			.map((c) => {
				const reasons = c.reasons.map((r) => `<li>${esc(r)}</li>`).join("");
				const points = c.maximum > 0 ? `${Math.round(c.points)} / ${Math.round(c.maximum)}` : "—";
				return `<tr>
					<td>${esc(c.label)}</td>
					<td class="text-right text-nowrap">${points}</td>
					<td><ul class="list-unstyled mb-0">${reasons}</ul></td>
				</tr>`;
			})
			.join("");
		return `${html}<table class="table table-bordered">
			<thead><tr><th>${__("Criterion")}</th><th>${__("Points")}</th><th>${__("Why")}</th></tr></thead>
			<tbody>${rows}</tbody>
			<tfoot><tr><th>${__("Score")}</th><th class="text-right text-nowrap">${Math.round(answer.score)} / 100</th><th></th></tr></tfoot>
		</table>`;
	}

	dialog.show();
};
