import pytest


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The throttle counts in the cache: every test starts with a clean count."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
