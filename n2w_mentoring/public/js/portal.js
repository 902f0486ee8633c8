// The mentoring portal's forms: sent as JSON to the form's method; the answer is shown in the form,
// which keeps what the user typed. Every text shown comes from the page (data-* attributes) or the
// server, already translated.
(function () {
	"use strict";

	function setPath(target, path, value) {
		const keys = path.split(".");
		let node = target;
		keys.slice(0, -1).forEach(function (key) {
			if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
			node = node[key];
		});
		node[keys[keys.length - 1]] = value;
	}

	function serialize(form) {
		const values = {};
		Array.prototype.forEach.call(form.elements, function (el) {
			if (!el.name || el.disabled || el.type === "submit" || el.type === "button") return;
			// The form's own fields for a plain POST (no JavaScript): not the user's.
			if (el.name === "csrf_token" || el.name.slice(0, 4) === "n2w_") return;
			if (el.type === "radio" && !el.checked) return;
			if (el.type === "checkbox" && el.name.slice(-2) === "[]") {
				const key = el.name.slice(0, -2);
				if (!values[key]) values[key] = [];
				if (el.checked) values[key].push(el.value);
				return;
			}
			let value = el.value;
			if (el.type === "checkbox") value = el.checked ? el.value || 1 : "";
			setPath(values, el.name, value);
		});
		return values;
	}

	function serverMessage(body) {
		try {
			const messages = JSON.parse(body._server_messages || "[]");
			return messages
				.map(function (m) {
					const text = JSON.parse(m).message || "";
					const div = document.createElement("div");
					div.innerHTML = text;
					return div.textContent;
				})
				.join("\n");
		} catch (e) {
			return "";
		}
	}

	function show(box, kind, text) {
		box.className = "n2w-message " + kind;
		box.textContent = text;
		if (kind === "error") {
			box.setAttribute("tabindex", "-1");
			box.focus();
		}
	}

	async function submit(form, event) {
		event.preventDefault();
		if (!form.reportValidity()) return;
		const box = form.querySelector("[data-n2w-answer]");
		const button = event.submitter || form.querySelector("button[type=submit]");
		const fields = serialize(form);
		const payload = JSON.parse(form.dataset.args || "{}");
		if (form.dataset.wrap) payload[form.dataset.wrap] = fields;
		else Object.assign(payload, fields);
		button.disabled = true;
		show(box, "note", form.dataset.sending || "…");
		let body = {};
		let ok = false;
		try {
			const response = await fetch("/api/method/" + form.dataset.method, {
				method: "POST",
				credentials: "same-origin",
				headers: {
					Accept: "application/json",
					"Content-Type": "application/json",
					"X-Frappe-CSRF-Token": (window.frappe && window.frappe.csrf_token) || "",
				},
				body: JSON.stringify(payload),
			});
			try {
				body = await response.json();
			} catch (e) {
				body = {};
			}
			ok = response.ok && body.message && body.message.ok;
		} catch (e) {
			body = {};
		}
		button.disabled = false;
		const answer = body.message && typeof body.message === "object" ? body.message : {};
		if (ok) {
			show(box, "success", answer.message || "");
			if (answer.redirect) {
				window.location.assign(answer.redirect);
			} else if (form.dataset.after === "reload") {
				window.setTimeout(function () {
					window.location.reload();
				}, 900);
			} else if (form.dataset.after === "reset" || answer.reset) {
				form.reset();
			}
			if (answer.url) {
				const target = document.getElementById(form.dataset.urlTarget || "");
				if (target) target.value = answer.url;
			}
		} else {
			show(box, "error", answer.message || serverMessage(body) || form.dataset.failed || "");
		}
	}

	document.querySelectorAll("form[data-method]").forEach(function (form) {
		form.addEventListener("submit", function (event) {
			submit(form, event);
		});
	});
})();
