"""Schema migrations: bring a database to the schema this qmcrawl needs, or say why not."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from qmcrawl.store.engine import StoreError, describe

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class SchemaOutdated(StoreError):
    """The database was made by an older qmcrawl; `qmcrawl db upgrade` fixes it."""


def alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    heads = ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    if len(heads) != 1:
        raise StoreError(f"qmcrawl's migrations have {len(heads)} heads; expected one")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)


def ensure_schema(engine: Engine, *, create: bool = True) -> None:
    """Create the schema in an empty database; refuse an outdated or unknown one."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        if inspect(engine).has_table("documents"):
            raise StoreError(
                f"{describe(engine.url)} has qmcrawl-like tables but no migration record; "
                "it was not made by qmcrawl"
            )
        if not create:
            raise SchemaOutdated(
                f"{describe(engine.url)} has no qmcrawl schema: run `qmcrawl db upgrade`"
            )
        upgrade(engine)
        return
    known = {rev.revision for rev in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}
    if current not in known:
        raise StoreError(
            f"{describe(engine.url)} has schema {current}, made by a newer qmcrawl than this one"
        )
    raise SchemaOutdated(
        f"{describe(engine.url)} has an older schema ({current}, this qmcrawl needs {head}): "
        "run `qmcrawl db upgrade`"
    )
