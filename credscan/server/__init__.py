"""The central server: one console and API for every client's agents (docs/server.md).

Tenancy is MSP -> clients -> agents -> findings. Every request resolves to a Principal (a user, an API key
or an agent) and every query goes through credscan.server.tenancy, which says which clients it may see.
The server keeps no state of its own outside the database, so several processes can share one PostgreSQL.
"""
