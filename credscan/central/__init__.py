"""The central log: findings store, event log, outbox and SIEM forwarders."""
