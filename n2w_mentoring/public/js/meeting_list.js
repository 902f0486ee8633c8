frappe.listview_settings["Meeting"] = {
	add_fields: ["status", "kind"],
	get_indicator(doc) {
		const colours = { Planned: "blue", Held: "green", Cancelled: "grey", "No-show": "red" };
		return [__(doc.status), colours[doc.status] || "grey", "status,=," + doc.status];
	},
};
