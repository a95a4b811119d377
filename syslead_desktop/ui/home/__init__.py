"""Home: the start screen (recent decisions, drafts to recover, practice scenarios)."""
