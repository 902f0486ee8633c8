"""``bench --site SITE n2w-mentoring …``: the app's commands."""

import click
from frappe.commands import get_site, pass_context


@click.group("n2w-mentoring")
def n2w_mentoring():
	"""Mentoring programme tools."""


@n2w_mentoring.command("demo")
@pass_context
def demo(context):
	"""Load a small demo programme (running it again adds nothing)."""
	import frappe

	from n2w_mentoring.demo.demo import load

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		logins = load()
		frappe.db.commit()
	finally:
		frappe.destroy()
	click.secho(f"Demo programme loaded on {site}.", fg="green")
	click.echo(f"Portal logins (password {logins.pop('password')}):")
	for role, login in logins.items():
		click.echo(f"  {role}: {login}")


@n2w_mentoring.command("remove-demo")
@pass_context
def remove_demo(context):
	"""Delete the demo programme, and nothing else (running it again removes nothing)."""
	import frappe

	from n2w_mentoring.demo.demo import remove

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		removed = remove()
		frappe.db.commit()
	finally:
		frappe.destroy()
	click.secho(f"Demo programme removed from {site}.", fg="green")
	for doctype, count in removed.items():
		click.echo(f"  {doctype}: {count}")


@n2w_mentoring.command("generate")
@click.option("--size", type=click.Choice(["demo", "1x", "10x"]), default="demo", show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--replace", is_flag=True, help="Delete the records generated before (GEN-…) first.")
@pass_context
def generate(context, size, seed, replace):
	"""Write a generated programme (seeded, every name starting with GEN-) with bulk inserts."""
	import time

	import frappe

	from n2w_mentoring.demo.generator import load

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		started = time.perf_counter()
		try:
			counts = load(size, seed, replace=replace)
		except ValueError as e:
			raise click.ClickException(str(e)) from e
		elapsed = time.perf_counter() - started
	finally:
		frappe.destroy()
	click.secho(f"Generated the {size} programme (seed {seed}) on {site} in {elapsed:.1f} s.", fg="green")
	for doctype, count in counts.items():
		click.echo(f"  {doctype}: {count:,}")


commands = [n2w_mentoring]
