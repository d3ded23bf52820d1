"""The background agent (installed as credscan_agent): schedules, watching, lifecycle."""
