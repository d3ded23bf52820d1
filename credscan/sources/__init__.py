"""Sources list files and open them; they never parse (see interface.Source)."""
