"""docgen: the paperwork of immigration and global mobility teams.

The public API mirrors the ``docgen`` command line; see the README.
"""

from docgen.errors import DocgenError

__version__ = "0.2.0.dev0"  # the one place the version is written (pyproject reads it)

__all__ = ["DocgenError", "__version__"]
