"""The permission the channels beyond the web form check: capturing input for other people (imports,
offline capture). It is declared in rules.py (facilitators: platform admins, coalition secretariats and
members of civil-society organisations and coalitions); importing that module here makes sure it is
registered wherever the channel views are used."""

from . import rules as _rules  # noqa: F401  (registers the permissions)

CAPTURE = "consultations.capture_submissions"
