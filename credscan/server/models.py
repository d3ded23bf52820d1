"""The server's schema (SQLAlchemy Core). Changes go through a new Alembic migration in migrations/versions.

Identifiers exposed in URLs are integer surrogate keys; a finding's fingerprint (``finding_id``, from the
agent) is unique per client only. Secrets of the server itself (passwords, agent credentials, API keys,
session and enrollment tokens) are stored only as hashes. No table has a column for a finding's plaintext.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

BigId = BigInteger().with_variant(Integer(), "sqlite")
"""64-bit keys on PostgreSQL; SQLite autoincrements only INTEGER PRIMARY KEY."""

clients = Table(
    "clients",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
)

agents = Table(
    "agents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("credential_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
    Column("last_seen", String(32)),
    Column("last_address", String(64)),
    Column("version", String(40)),
    Column("revoked_at", String(32)),
)

enroll_tokens = Table(
    "enroll_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
    Column("created_by", String(200)),
    Column("expires_at", String(32), nullable=False),
    Column("used_at", String(32)),
    Column("agent_id", Integer, ForeignKey("agents.id", ondelete="SET NULL")),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
)

user_clients = Table(
    "user_clients",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("label", String(200)),
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("subject", String(300), nullable=False, index=True),
    Column("at", Float, nullable=False),
)

findings = Table(
    "findings",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False),
    Column("finding_id", String(128), nullable=False),
    Column("agent_id", Integer, ForeignKey("agents.id", ondelete="SET NULL")),
    Column("host", String(255)),
    Column("path", Text, nullable=False),
    Column("rule_id", String(200)),
    Column("rule_name", String(300)),
    Column("category", String(40), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("confidence", Float),
    Column("secret_masked", String(40)),
    Column("secret_hash", String(128)),
    Column("location", Text),
    Column("context", Text),
    Column("account", String(300)),
    Column("file", Text),
    Column("remediation", Text),
    Column("status", String(20), nullable=False),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
    Column("resolved_at", String(32)),
    Column("triage_reason", Text),
    Column("triage_by", String(200)),
    Column("triage_until", String(10)),
    UniqueConstraint("finding_id", "client_id"),  # finding_id first: an ingest batch looks up ids
    Index("ix_findings_client_status_severity", "client_id", "status", "severity", "id"),
    Index("ix_findings_status_severity", "status", "severity", "id"),
    Index("ix_findings_category", "category", "status", "severity", "id"),
)

finding_history = Table(
    "finding_history",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("finding", BigId, ForeignKey("findings.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("at", String(32), nullable=False),
    Column("action", String(40), nullable=False),
    Column("actor", String(200)),
    Column("detail", Text),
)

decisions = Table(
    "decisions",
    metadata,
    Column("seq", BigId, primary_key=True, autoincrement=True),
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False),
    Column("finding_id", String(128), nullable=False),
    Column("status", String(20), nullable=False),
    Column("reason", Text),
    Column("until", String(10)),
    Column("actor", String(200)),
    Column("at", String(32), nullable=False),
    Index("ix_decisions_client_seq", "client_id", "seq"),
)

ingested_events = Table(
    "ingested_events",
    metadata,
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Column("at", String(32), nullable=False),
    Index("ix_ingested_events_client_at", "client_id", "at"),  # forgetting old ids per client
)

client_history = Table(
    "client_history",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("at", String(32), nullable=False),
    Column("open", Integer, nullable=False),
    Column("resolved", Integer, nullable=False),
    Column("critical", Integer, nullable=False),
    Column("high", Integer, nullable=False),
    Column("medium", Integer, nullable=False),
    Column("low", Integer, nullable=False),
    Column("info", Integer, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("actor", String(200)),
    Column("action", String(60), nullable=False),
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="SET NULL")),
    Column("target", String(300)),
    Column("detail", Text),
    Column("address", String(64)),
)
