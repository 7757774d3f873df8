"""docgen's test suite.

pytest keeps each test module it rewrote for its asserts in tests/__pycache__, and Python the modules of
docgen in docgen/**/__pycache__, unless Python is told not to write bytecode (PYTHONDONTWRITEBYTECODE, set in
some containers): then every run, in every worker, rewrites all the test modules again (half of the
collection's CPU: 10.3 s -> 4.6 s per worker when kept), and every ``docgen`` process a test starts compiles
the docgen modules it imports from source. Set here, before conftest.py imports docgen.
"""

import sys

sys.dont_write_bytecode = False
