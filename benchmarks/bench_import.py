"""Importing 1,000 mentees through Frappe's Data Import, as a coordinator, on a real site.

Run with the bench's Python from the bench's sites folder, on a test site (never production):

    cd $BENCH/sites && N2W_SITE=n2w-test.localhost ../env/bin/python \\
        /path/to/app/benchmarks/bench_import.py [--mentees 1000]

It writes a spreadsheet like docs/import-examples/3-mentees.csv (each mentee with two languages
and a diploma, e-mail domain @bench-import.example), imports it with the app's importer as a
Mentoring Coordinator (the same code as the Data Import form's "Start Import"), times it, checks
that every row went in, then deletes everything it made and commits again.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import time

import frappe

DOMAIN = "bench-import.example"
COORDINATOR = f"coordinator@{DOMAIN}"
HEADER = [
	"First name", "Last name", "E-mail", "Year of birth", "Status", "Language for documents", "Postal code",
	"Municipality", "French level (CEFR)", "Intake date", "Consent given", "Consent date",
	"Privacy notice version", "Language (Languages spoken)", "Level (Languages spoken)",
	"Diploma (Diplomas)", "Country (Diplomas)", "Year (Diplomas)",
]  # fmt: skip


def spreadsheet(count: int) -> str:
	out = io.StringIO()
	writer = csv.writer(out)
	writer.writerow(HEADER)
	for i in range(count):
		writer.writerow(
			[
				"Bench", f"Mentee {i:05d}", f"mentee-{i}@{DOMAIN}", 1980 + i % 25, "Waiting for match", "fr",
				"5000", "Namur", "B1", "2026-01-10", 1, "2026-01-10", "2026-01", "ar", "Native",
				"Diplôme", "Syria", 2010,
			]
		)  # fmt: skip
		writer.writerow([""] * 13 + ["fr", "Good", "", "", ""])
	return out.getvalue()


def coordinator() -> str:
	from n2w_mentoring.demo.builders import make_user

	make_user(COORDINATOR, "Bench", "Coordinator", ["Mentoring Coordinator"])
	frappe.db.set_value("User", COORDINATOR, "language", "en")
	frappe.db.commit()
	return COORDINATOR


def clean_up() -> None:
	frappe.set_user("Administrator")
	for name in frappe.get_all("Mentee", filters={"email": ("like", f"%@{DOMAIN}")}, pluck="name"):
		frappe.delete_doc("Mentee", name, ignore_permissions=True, force=True, delete_permanently=True)
	for name in frappe.get_all("Data Import", filters={"owner": COORDINATOR}, pluck="name"):
		frappe.db.delete("Data Import Log", {"data_import": name})
		frappe.delete_doc("Data Import", name, ignore_permissions=True, force=True, delete_permanently=True)
	frappe.db.commit()


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("--mentees", type=int, default=1000)
	args = parser.parse_args()

	frappe.init(site=os.environ["N2W_SITE"], sites_path=".")
	frappe.connect()
	from n2w_mentoring.importing import start_import

	clean_up()
	frappe.set_user(coordinator())
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "bench-mentees.csv",
			"content": spreadsheet(args.mentees).encode(),
			"is_private": 1,
		}
	).insert()
	data_import = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": "Mentee",
			"import_type": "Insert New Records",
			"import_file": file.file_url,
			"mute_emails": 1,
		}
	).insert()
	frappe.db.commit()
	started = time.perf_counter()
	start_import(data_import.name)
	elapsed = time.perf_counter() - started
	imported = frappe.db.count("Data Import Log", {"data_import": data_import.name, "success": 1})
	languages = frappe.db.count(
		"Mentoring Language Skill",
		{
			"parenttype": "Mentee",
			"parent": ("in", frappe.get_all("Mentee", {"email": ("like", f"%@{DOMAIN}")}, pluck="name")),
		},
	)
	print(
		f"{args.mentees} mentees (two languages and a diploma each) imported through Data Import "
		f"as a coordinator: {imported} imported, {languages} language rows, in {elapsed:.1f} s "
		f"({elapsed / max(args.mentees, 1) * 1000:.0f} ms a mentee)"
	)
	file.delete(ignore_permissions=True)
	clean_up()
	frappe.destroy()


if __name__ == "__main__":
	main()
