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


commands = [n2w_mentoring]
