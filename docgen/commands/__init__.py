"""Command groups of the ``docgen`` CLI; each module has ``register(cli)``."""
