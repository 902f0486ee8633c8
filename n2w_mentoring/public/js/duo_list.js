frappe.listview_settings["Duo"] = {
	add_fields: ["status", "meetings_held"],
	onload(listview) {
		if (frappe.user.has_role(["Mentoring Manager", "Mentoring Coordinator"])) {
			listview.page.add_inner_button(__("Cohort proposal"), () => n2w_cohort_proposal(listview));
		}
	},
	get_indicator(doc) {
		const colours = {
			Proposed: "blue",
			Accepted: "purple",
			Active: "green",
			Suspended: "orange",
			Completed: "darkgrey",
			"Ended Early": "red",
			Declined: "grey",
			Cancelled: "grey",
		};
		return [__(doc.status), colours[doc.status] || "grey", "status,=," + doc.status];
	},
};

// Cohort matching: the best set of duos for every mentee waiting for a match, to accept in one go.
// Heavy work runs in Frappe's background workers: queue it, then wait for its result (the worker
// shows its progress; the result is asked for until it is there).
function n2w_run_job(job, args) {
	return new Promise((resolve, reject) => {
		frappe.call({ method: "n2w_mentoring.jobs.start", args: { job, args } }).then(({ message: job_id }) => {
			const started = Date.now();
			const poll = () =>
				frappe
					.call({ method: "n2w_mentoring.jobs.result", args: { job_id }, type: "GET" })
					.then(({ message }) => {
						if (message.done) {
							frappe.hide_progress();
							resolve(message.result);
						} else if (Date.now() - started > 10 * 60 * 1000) {
							frappe.hide_progress();
							frappe.msgprint(__("The job is taking long: check that the site's background workers run."));
							reject();
						} else {
							setTimeout(poll, 1500);
						}
					}, reject);
			poll();
		}, reject);
	});
}

function n2w_cohort_proposal(listview) {
	frappe.show_progress(__("Cohort proposal"), 5, 100, __("Working out the best duos…"));
	n2w_run_job("cohort_proposal", {}).then((message) => {
		const esc = frappe.utils.escape_html;
		const rows = message.pairs
			.map((p) => {
				const reasons = p.reasons
					.map((r) => `<li>${esc(r.message)} <span class="text-muted">(+${Math.round(r.share)})</span></li>`)
					.join("");
				const first = p.first_choice ? `<div class="text-muted small">${esc(p.first_choice)}</div>` : "";
				return `<tr><td class="text-right"><b>${Math.round(p.score)}</b></td>
					<td>${esc(p.mentee_name)}</td><td>${esc(p.mentor_name)}${first}</td>
					<td><ul class="list-unstyled mb-0">${reasons}</ul></td></tr>`;
			})
			.join("");
		const unmatched = message.unmatched.length
			? `<p class="text-muted">${__("Left without a mentor: {0}", [
					message.unmatched.map((u) => esc(u.mentee_name)).join(", "),
			  ])}</p>`
			: "";
		const notice = message.notice ? `<p class="text-warning">${esc(message.notice)}</p>` : "";
		const html = notice + (message.pairs.length
			? `<p>${__("{0} duos for {1} mentees waiting and {2} mentors available; total score {3}.", [
					message.pairs.length,
					message.mentees,
					message.mentors,
					message.total,
			  ])}</p>
			<p>${esc(message.comparison || "")}</p>
			<table class="table table-bordered"><thead><tr><th>${__("Score")}</th><th>${__("Mentee")}</th>
			<th>${__("Mentor")}</th><th>${__("Why")}</th></tr></thead><tbody>${rows}</tbody></table>${unmatched}`
			: `<p class="text-muted">${__("No duo can be proposed: no mentee is waiting, or no available mentor suits them.")}</p>`);
		const dialog = new frappe.ui.Dialog({
			title: __("Cohort proposal"),
			size: "extra-large",
			fields: [{ fieldtype: "HTML", fieldname: "proposal", options: html }],
			primary_action_label: __("Accept proposal"),
			primary_action() {
				if (!message.pairs.length) return dialog.hide();
				frappe.call({
					method: "n2w_mentoring.api.matching.accept_proposal",
					args: { pairs: message.pairs.map((p) => ({ mentee: p.mentee, mentor: p.mentor })) },
					freeze: true,
				}).then(({ message: done }) => {
					dialog.hide();
					frappe.show_alert({ message: __("{0} duos proposed", [done.duos.length]), indicator: "green" });
					listview.refresh();
				});
			},
		});
		dialog.show();
	});
}
