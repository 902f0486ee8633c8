frappe.listview_settings["Duo"] = {
	add_fields: ["status", "meetings_held"],
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
