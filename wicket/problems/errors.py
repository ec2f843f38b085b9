from django.core.exceptions import ValidationError


class ProblemError(ValidationError):
    """A refused action on a problem; the message is for the user."""


class ConcurrentEditError(ProblemError):
    """Someone else saved the problem since this person opened it."""
