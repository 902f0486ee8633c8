// The portal's login page: the form is sent to Frappe's own /api/method/login (its lockout, disabled
// users and two-factor checks apply), then the browser goes to the page asked for, which the server
// has already checked is a page of this site. Without JavaScript the form is a plain POST to the page.
(function () {
	"use strict";
	const form = document.querySelector("form[data-login]");
	if (!form || !window.fetch) return;
	const box = form.querySelector("[data-n2w-answer]");
	const button = form.querySelector("button[type=submit]");

	function show(kind, text, link) {
		box.className = "n2w-message " + kind;
		box.textContent = text;
		if (link) {
			const a = document.createElement("a");
			a.href = link;
			a.textContent = form.dataset.continue;
			box.appendChild(document.createTextNode(" "));
			box.appendChild(a);
		}
		if (kind !== "note") {
			box.setAttribute("tabindex", "-1");
			box.focus();
		}
	}

	function serverMessage(body) {
		try {
			return JSON.parse(body._server_messages || "[]")
				.map(function (m) {
					const div = document.createElement("div");
					div.innerHTML = JSON.parse(m).message || "";
					return div.textContent;
				})
				.join("\n");
		} catch (e) {
			return "";
		}
	}

	function sameSite(url) {
		try {
			return new URL(url, window.location.href).origin === window.location.origin;
		} catch (e) {
			return false;
		}
	}

	form.addEventListener("submit", async function (event) {
		event.preventDefault();
		if (!form.reportValidity()) return;
		button.disabled = true;
		show("note", form.dataset.sending);
		let response = null;
		let body = {};
		try {
			response = await fetch("/api/method/login", {
				method: "POST",
				credentials: "same-origin",
				headers: { Accept: "application/json" },
				body: new URLSearchParams({ usr: form.usr.value, pwd: form.pwd.value }),
			});
			try {
				body = await response.json();
			} catch (e) {
				body = {};
			}
		} catch (e) {
			response = null;
		}
		button.disabled = false;
		if (!response) {
			show("error", form.dataset.failed);
		} else if (response.ok && (body.verification || body.tmp_id)) {
			// A second factor: Frappe's own login page asks for it.
			form.pwd.value = "";
			show("error", form.dataset.more, form.dataset.fullLogin);
		} else if (response.ok && body.redirect_to && sameSite(body.redirect_to)) {
			// A new password is due: Frappe's own page.
			window.location.assign(body.redirect_to);
		} else if (response.ok) {
			window.location.assign(form.dataset.target);
		} else if (response.status === 401) {
			show("error", form.dataset.wrong);
		} else {
			show("error", serverMessage(body) || form.dataset.failed);
		}
	});
})();
