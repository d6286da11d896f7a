"""The `qmcrawl` command: a thin layer over the library. Errors are one `Error:` line, exit 1."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from qmcrawl import __version__
from qmcrawl.config import ConfigError
from qmcrawl.crawl import CrawlError, CrawlOutcome, run_spiders, spider_names
from qmcrawl.replica import ReplicaError, ReplicaServer
from qmcrawl.store import StoreError, describe, open_engine
from qmcrawl.store import migrate as migrations
from qmcrawl.store.engine import create_db_engine, parse_url
from qmcrawl.store.reader import ReportRow, list_reports, table_counts
from qmcrawl.tables import render

DEFAULT_DB = "sqlite:///qmcrawl.db"
USER_ERRORS = (StoreError, CrawlError, ConfigError, ReplicaError)

db_option = click.option(
    "--db",
    "database_url",
    envvar="QMCRAWL_DATABASE_URL",
    default=DEFAULT_DB,
    show_default=True,
    help="Database URL (env QMCRAWL_DATABASE_URL).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qmcrawl")
def cli() -> None:
    """Crawl, repair, dedupe and monitor reports on China's Quality Month (质量月).

    \b
    Example:
      qmcrawl demo            # crawl the bundled replicas into ./qmcrawl.db
      qmcrawl reports         # list what is stored
    """


@cli.command()
@click.option("--db", "database_url", default=DEFAULT_DB, show_default=True, help="Database URL.")
@click.option(
    "--sites",
    type=click.Path(path_type=Path),
    default=None,
    help="Replica folder (default: fixtures/sites).",
)
def demo(database_url: str, sites: Path | None) -> None:
    """Serve the replicas on a free loopback port, crawl every spider there, show what was stored.

    \b
    Example:
      qmcrawl demo --db sqlite:///demo.db
    """
    with ReplicaServer([sites] if sites else None) as replica:
        click.echo(f"Replica of {len(replica.sites)} site(s) at {replica.url}")
        outcomes = run_spiders(
            spider_names(),
            {"QMCRAWL_DATABASE_URL": database_url, "QMCRAWL_REPLICA_URL": replica.url},
        )
    _echo_outcomes(outcomes)
    engine = open_engine(database_url)
    try:
        rows = list_reports(engine)
        counts = table_counts(engine)
    finally:
        engine.dispose()
    click.echo(_reports_table(rows))
    click.echo(
        f"\n{counts['documents']} documents, {counts['document_versions']} versions, "
        f"{counts['alerts']} alerts in {describe(parse_url(database_url))}"
    )
    _exit_on_failure(outcomes)


@cli.command()
@click.argument("spiders", nargs=-1, required=True)
@db_option
@click.option(
    "--replica",
    "replica_url",
    envvar="QMCRAWL_REPLICA_URL",
    default="",
    help="Route requests to this replica server (env QMCRAWL_REPLICA_URL).",
)
@click.option(
    "-s", "--set", "extra", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting."
)
def crawl(
    spiders: Sequence[str], database_url: str, replica_url: str, extra: Sequence[str]
) -> None:
    """Run SPIDERS now with the project settings.

    \b
    Example:
      qmcrawl crawl cqn --db postgresql+psycopg://qm@db.example/qm
    """
    overrides = {"QMCRAWL_DATABASE_URL": database_url, "QMCRAWL_REPLICA_URL": replica_url}
    for pair in extra:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="-s")
        overrides[name] = value
    outcomes = run_spiders(list(spiders), overrides)
    _echo_outcomes(outcomes)
    _exit_on_failure(outcomes)


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option(
    "--all", "show_all", is_flag=True, help="Include pages not judged Quality Month reports."
)
def reports(database_url: str, as_json: bool, show_all: bool) -> None:
    """List the stored reports, newest first.

    \b
    Example:
      qmcrawl reports --json | jq .title
    """
    engine = open_engine(database_url, create=False)
    try:
        rows = list_reports(engine, only_relevant=not show_all)
    finally:
        engine.dispose()
    if as_json:
        for row in rows:
            click.echo(json.dumps(_row_json(row), ensure_ascii=False))
    else:
        click.echo(_reports_table(rows))


@cli.group()
def db() -> None:
    """Manage the database schema."""


@db.command("upgrade")
@db_option
def db_upgrade(database_url: str) -> None:
    """Migrate the database to this version's schema (creates it if new).

    \b
    Example:
      qmcrawl db upgrade --db sqlite:///qmcrawl.db
    """
    engine = create_db_engine(database_url)
    try:
        before = migrations.current_revision(engine)
        migrations.upgrade(engine)
        after = migrations.current_revision(engine)
    finally:
        engine.dispose()
    click.echo(f"{describe(parse_url(database_url))}: schema {before or 'none'} → {after}")


@cli.group()
def replica() -> None:
    """Local replicas of the target sites."""


@replica.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8765, show_default=True, type=int)
@click.option(
    "--sites",
    type=click.Path(path_type=Path),
    default=None,
    help="Replica folder (default: fixtures/sites).",
)
def replica_serve(host: str, port: int, sites: Path | None) -> None:
    """Serve the replicas until interrupted; crawl them with QMCRAWL_REPLICA_URL.

    \b
    Example:
      qmcrawl replica serve --port 8765 &
      QMCRAWL_REPLICA_URL=http://127.0.0.1:8765 scrapy crawl cqn
    """
    try:
        server = ReplicaServer([sites] if sites else None, host=host, port=port)
    except OSError as exc:
        raise ReplicaError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    click.echo(f"Serving {', '.join(sorted(server.sites))} at {server.url} (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


def _echo_outcomes(outcomes: Sequence[CrawlOutcome]) -> None:
    for outcome in outcomes:
        stats = outcome.stats
        click.echo(
            f"{outcome.spider}: {outcome.reason}, {stats.get('response_received_count', 0)} pages fetched, "
            f"{stats.get('qmcrawl/store/new', 0)} new, {stats.get('qmcrawl/store/changed', 0)} changed, "
            f"{stats.get('qmcrawl/store/unchanged', 0)} unchanged, {stats.get('item_dropped_count', 0)} skipped, "
            f"{stats.get('log_count/ERROR', 0)} errors"
        )


def _exit_on_failure(outcomes: Sequence[CrawlOutcome]) -> None:
    failed = [o.spider for o in outcomes if not o.ok]
    if failed:
        raise CrawlError(f"crawl of {', '.join(failed)} did not finish cleanly (see the log above)")


def _reports_table(rows: Sequence[ReportRow]) -> str:
    if not rows:
        return "No reports stored yet."
    table = [
        [
            r.published_date.isoformat() if r.published_date else "-",
            r.source,
            "yes" if r.is_quality_month else "no",
            str(r.versions),
            r.status,
            r.title,
        ]
        for r in rows
    ]
    return render(
        ["published", "source", "QM", "ver", "status", "title"], table, [10, 10, 3, 3, 6, 60]
    )


def _row_json(row: ReportRow) -> dict[str, object]:
    return {
        "document_id": row.document_id,
        "source": row.source,
        "url": row.url,
        "title": row.title,
        "published": row.published_date.isoformat() if row.published_date else None,
        "author": row.author,
        "quality_month": row.is_quality_month,
        "status": row.status,
        "versions": row.versions,
        "first_seen_at": row.first_seen_at.isoformat(),
        "last_changed_at": row.last_changed_at.isoformat(),
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: user mistakes end as one `Error:` line and exit code 1, never a traceback."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="qmcrawl",
            standalone_mode=False,
        )
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except USER_ERRORS as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
