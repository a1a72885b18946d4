"""Glue between forms and services, shared by the views of every app."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError

T = TypeVar("T")


def run_service(form: Any, action: Callable[[], T]) -> T | None:
    """Call a service for a valid form. A ValidationError it raises becomes the form's error and None
    is returned: the service's transaction saved nothing, and the page shows why."""
    try:
        return action()
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
