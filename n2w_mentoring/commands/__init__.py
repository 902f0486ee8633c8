"""``bench --site SITE n2w-mentoring …``: the app's commands."""

import time
from collections.abc import Callable

import click
from frappe.commands import get_site, pass_context


def run_on_site(context, work: Callable, commit: bool = True):
	"""Connect to the command's site as Administrator, run ``work()``, commit, and close."""
	import frappe

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		# Frappe refuses more than 60 new users an hour outside imports; the demo and the generator
		# make their people deliberately, as an administrator's command.
		frappe.local.conf.throttle_user_limit = max(
			frappe.local.conf.get("throttle_user_limit") or 60, 100_000
		)
		result = work()
		if commit:
			frappe.db.commit()
	finally:
		frappe.destroy()
	return site, result


@click.group("n2w-mentoring")
def n2w_mentoring():
	"""Mentoring programme tools."""


@n2w_mentoring.command("demo")
@pass_context
def demo(context):
	"""Load a small demo programme (running it again adds nothing)."""
	from n2w_mentoring.demo.demo import load

	site, logins = run_on_site(context, load)
	click.secho(f"Demo programme loaded on {site}.", fg="green")
	click.echo(f"Portal logins (password {logins.pop('password')}):")
	for role, login in logins.items():
		click.echo(f"  {role}: {login}")


@n2w_mentoring.command("remove-demo")
@pass_context
def remove_demo(context):
	"""Delete the demo programme, and nothing else (running it again removes nothing)."""
	from n2w_mentoring.demo.demo import remove

	site, removed = run_on_site(context, remove)
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
	from n2w_mentoring.demo.generator import load

	def work():
		try:
			return load(size, seed, replace=replace)
		except ValueError as e:
			raise click.ClickException(str(e)) from e

	started = time.perf_counter()
	# The generator commits as it writes, in batches.
	site, counts = run_on_site(context, work, commit=False)
	elapsed = time.perf_counter() - started
	click.secho(f"Generated the {size} programme (seed {seed}) on {site} in {elapsed:.1f} s.", fg="green")
	for doctype, count in counts.items():
		click.echo(f"  {doctype}: {count:,}")


commands = [n2w_mentoring]
