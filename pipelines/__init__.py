"""Everything around the library: readers, writers, quarantine, the streaming runner, the CLI."""
