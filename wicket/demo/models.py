from django.db import models


class DemoStamp(models.Model):
    """Which demo loaders have run on this database, so `wicket demo` can upgrade an existing one."""

    name = models.CharField(max_length=100, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
