"""A MariaDB primary and its replica on loopback, for the replica tests and the benchmark.

Two servers of their own (``mariadbd`` from the machine's MariaDB, datadirs in a temporary folder,
loopback ports picked free): the primary keeps a binary log with GTIDs, the replica follows it with
MariaDB's own replication (``MASTER_USE_GTID=slave_pos``) and is ``read_only``. The site's
database is copied onto the primary (a dump of an existing site's database under a new name, so
that the copy shares nothing with it, not even its Redis keys) and reaches the replica through
replication; a site folder points Frappe at the primary with the replica settings.

Everything is started by :meth:`Pair.start` and taken away by :meth:`Pair.stop` (servers stopped,
folders removed), each step bounded in time.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pymysql
import pymysql.cursors

MARIADBD = shutil.which("mariadbd") or shutil.which("mysqld") or "/usr/sbin/mariadbd"
INSTALL_DB = shutil.which("mariadb-install-db") or shutil.which("mysql_install_db")
CLIENT = shutil.which("mariadb") or shutil.which("mysql")
DUMP = shutil.which("mariadb-dump") or shutil.which("mysqldump")
REPLICATION_PASSWORD = "n2w-replication"
START_SECONDS = 60


def available() -> str | None:
	"""Why the pair cannot run here, or None."""
	for name, path in (("mariadbd", MARIADBD), ("mariadb-install-db", INSTALL_DB), ("mariadb", CLIENT)):
		if not path or not os.path.exists(path):
			return f"{name} is not installed"
	if not DUMP:
		return "mariadb-dump is not installed"
	return None


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


class Server:
	def __init__(self, root: Path, name: str, server_id: int, options: list[str], buffer_pool: str = "128M"):
		self.root, self.name, self.server_id, self.options = root, name, server_id, options
		self.buffer_pool = buffer_pool
		self.datadir = root / name
		self.socket = str(root / f"{name}.sock")
		self.port = free_port()
		self.process: subprocess.Popen | None = None

	def start(self) -> None:
		self.process = subprocess.Popen(
			[
				MARIADBD,
				"--no-defaults",
				f"--datadir={self.datadir}",
				f"--socket={self.socket}",
				f"--port={self.port}",
				"--bind-address=127.0.0.1",
				f"--pid-file={self.root / self.name}.pid",
				f"--log-error={self.root / self.name}.err",
				f"--server-id={self.server_id}",
				"--skip-name-resolve",
				"--character-set-server=utf8mb4",
				"--collation-server=utf8mb4_unicode_ci",
				f"--innodb-buffer-pool-size={self.buffer_pool}",
				"--innodb-flush-log-at-trx-commit=0",
				"--innodb-doublewrite=0",
				"--skip-performance-schema",
				"--max-connections=200",
				*self.options,
			],
			stdin=subprocess.DEVNULL,
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
			start_new_session=True,
		)
		deadline = time.monotonic() + START_SECONDS
		while time.monotonic() < deadline:
			if self.process.poll() is not None:
				raise RuntimeError(f"{self.name} server exited: {self.log_tail()}")
			try:
				self.admin().close()
				return
			except pymysql.err.MySQLError:
				time.sleep(0.2)
		self.kill()
		raise RuntimeError(f"{self.name} server did not start in {START_SECONDS} s: {self.log_tail()}")

	def log_tail(self) -> str:
		try:
			return (self.root / f"{self.name}.err").read_text()[-2000:]
		except OSError:
			return ""

	def admin(self):
		"""root over the server's own socket (no password: a throwaway server)."""
		return pymysql.connect(unix_socket=self.socket, user="root", autocommit=True, connect_timeout=5)

	def sql(self, query: str, values=None) -> list[tuple]:
		connection = self.admin()
		try:
			with connection.cursor() as cursor:
				cursor.execute(query, values)
				return list(cursor.fetchall())
		finally:
			connection.close()

	def replication_status(self) -> dict:
		"""``SHOW SLAVE STATUS`` as a dict (empty when the server replicates nothing)."""
		connection = self.admin()
		try:
			with connection.cursor(pymysql.cursors.DictCursor) as cursor:
				cursor.execute("show slave status")
				return cursor.fetchone() or {}
		finally:
			connection.close()

	def stop(self, timeout: float = 30) -> None:
		if self.process is None or self.process.poll() is not None:
			return
		self.process.send_signal(signal.SIGTERM)
		try:
			self.process.wait(timeout=timeout)
		except subprocess.TimeoutExpired:
			self.kill()

	def kill(self) -> None:
		if self.process is not None and self.process.poll() is None:
			self.process.kill()
			self.process.wait(timeout=10)

	@property
	def running(self) -> bool:
		return self.process is not None and self.process.poll() is None


class Pair:
	"""A primary with binlog and GTIDs, and a read-only replica following it."""

	def __init__(self, root: str | None = None, buffer_pool: str = "128M"):
		self.root = Path(root or tempfile.mkdtemp(prefix="n2w-replica-"))
		self.primary = Server(
			self.root,
			"primary",
			1,
			[
				f"--log-bin={self.root / 'primary-bin'}",
				"--binlog-format=ROW",
				"--gtid-strict-mode=1",
				"--sync-binlog=0",
			],
			buffer_pool,
		)
		self.replica = Server(
			self.root,
			"replica",
			2,
			[
				"--skip-log-bin",
				"--read-only=1",
				"--skip-slave-start",
				f"--relay-log={self.root / 'replica-relay'}",
				"--gtid-strict-mode=1",
			],
			buffer_pool,
		)

	def start(self) -> Pair:
		seed = self.root / "seed"
		result = subprocess.run(
			[
				INSTALL_DB,
				"--no-defaults",
				f"--datadir={seed}",
				"--auth-root-authentication-method=normal",
				"--skip-test-db",
			],
			capture_output=True,
			text=True,
			timeout=120,
		)
		if result.returncode:
			raise RuntimeError(f"mariadb-install-db failed: {result.stderr[-2000:]}")
		shutil.copytree(seed, self.primary.datadir, symlinks=True)
		shutil.move(seed, self.replica.datadir)
		try:
			self.primary.start()
			self.replica.start()
			self.primary.sql("create user 'n2w_repl'@'127.0.0.1' identified by %s", (REPLICATION_PASSWORD,))
			self.primary.sql("grant replication slave on *.* to 'n2w_repl'@'127.0.0.1'")
			self.replica.sql(
				"change master to master_host='127.0.0.1', master_port=%s, master_user='n2w_repl', "
				"master_password=%s, master_use_gtid=slave_pos, master_connect_retry=1",
				(self.primary.port, REPLICATION_PASSWORD),
			)
			self.start_replication()
			self.wait_in_sync()
		except Exception:
			self.stop()
			raise
		return self

	def stop(self) -> None:
		self.replica.stop()
		self.primary.stop()
		shutil.rmtree(self.root, ignore_errors=True)

	# --- Replication ----------------------------------------------------------------------------

	def start_replication(self) -> None:
		self.replica.sql("start slave")

	def stop_replication(self) -> None:
		self.replica.sql("stop slave")

	def wait_in_sync(self, timeout: float = 60) -> None:
		"""Until the replica has applied everything the primary has written."""
		[(position,)] = self.primary.sql("select @@global.gtid_binlog_pos")
		[(reached,)] = self.replica.sql("select master_gtid_wait(%s, %s)", (position, timeout))
		if reached != 0:
			status = {
				k: v for k, v in self.replica.replication_status().items() if "Running" in k or "Error" in k
			}
			raise RuntimeError(f"the replica did not reach {position} in {timeout} s: {status}")

	# --- A site on the pair -----------------------------------------------------------------------

	def copy_site(self, source_conf: dict, sites_path: str, site: str, extra: dict | None = None) -> dict:
		"""A copy of a site's database on the primary (under a new name), and a site folder that
		reads from the replica. Answers the new site's config."""
		db_name = f"_n2wr_{uuid.uuid4().hex[:12]}"
		password = uuid.uuid4().hex
		dump = self.root / "site.sql"
		env = dict(os.environ, MYSQL_PWD=source_conf["db_password"])
		with open(dump, "wb") as out:
			subprocess.run(
				[
					DUMP,
					f"--host={source_conf.get('db_host') or '127.0.0.1'}",
					f"--port={source_conf.get('db_port') or 3306}",
					f"--user={source_conf['db_name']}",
					"--single-transaction",
					"--quick",
					"--skip-lock-tables",
					"--skip-triggers",
					source_conf["db_name"],
				],
				stdout=out,
				env=env,
				check=True,
				timeout=300,
			)
		self.primary.sql(f"create database `{db_name}` character set utf8mb4 collate utf8mb4_unicode_ci")
		self.primary.sql(f"create user '{db_name}'@'%%' identified by %s", (password,))
		self.primary.sql(f"grant all privileges on `{db_name}`.* to '{db_name}'@'%'")
		with open(dump, "rb") as source:
			subprocess.run(
				[CLIENT, f"--socket={self.primary.socket}", "--user=root", db_name],
				stdin=source,
				check=True,
				timeout=600,
			)
		dump.unlink()
		self.wait_in_sync()
		# The site reads from the replica with a login of its own that can only read, as the
		# administrator's guide advises (created on the replica alone).
		reader, reader_password = f"n2w_reader_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
		self.replica.sql(f"create user '{reader}'@'%%' identified by %s", (reader_password,))
		self.replica.sql(f"grant select on `{db_name}`.* to '{reader}'@'%'")
		conf = {
			"db_name": db_name,
			"db_password": password,
			"db_type": "mariadb",
			"db_host": "127.0.0.1",
			"db_port": self.primary.port,
			"read_from_replica": 1,
			"replica_host": "127.0.0.1",
			"replica_db_port": self.replica.port,
			"different_credentials_for_replica": 1,
			"replica_db_name": reader,
			"replica_db_password": reader_password,
			**(
				{"encryption_key": source_conf["encryption_key"]} if source_conf.get("encryption_key") else {}
			),
			**(extra or {}),
		}
		folder = Path(sites_path) / site
		for sub in ("public/files", "private/files", "private/backups", "logs", "locks"):
			(folder / sub).mkdir(parents=True, exist_ok=True)
		(folder / "site_config.json").write_text(json.dumps(conf, indent=1))
		return conf


def remove_site(sites_path: str, site: str) -> None:
	shutil.rmtree(Path(sites_path) / site, ignore_errors=True)
