"""What many tests share: fixture builders (documents, formats, images, hostile files), real services
started on loopback ports (Samba, rsyslog, HTTP listeners, PostgreSQL, the server), detection helpers and
repository paths. Imported everywhere as ``from tests.support.<module> import …``; the pytest fixtures
built on them (``engine``, ``postgres``, ``server``) live in tests/conftest.py."""
