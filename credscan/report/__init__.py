"""The MSP risk-assessment report (self-contained HTML)."""
