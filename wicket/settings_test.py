"""Settings for the test suite: the normal settings, in a throwaway data directory.

The suite runs on SQLite unless DATABASE_URL names a PostgreSQL database
(the test database is created beside it as test_<name>).
"""

import os
import tempfile

os.environ.setdefault("WICKET_TESTING", "1")
os.environ.setdefault("WICKET_DATA_DIR", tempfile.mkdtemp(prefix="wicket-test-"))
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Background jobs run in the request that starts them; tests/…/test_worker*.py start a real worker.
os.environ.setdefault("WICKET_TASKS", "immediate")  # Playwright's sync API runs an event loop

from wicket.settings import *  # noqa: E402,F403

# One process per test worker: an in-memory cache is enough, and cannot leak between runs.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# On SQLite the test database is a file, not memory: the worker tests run a real worker process
# against it (wicket/core/tests/worker.py), and a second process cannot open another's memory.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
