"""Symmetric encryption for secrets that must be stored (TOTP seeds, queued email bodies).

Keys come from FIELD_ENCRYPTION_KEYS (comma-separated Fernet keys; the first encrypts, all decrypt,
so keys can be rotated). They are kept out of the database, so a leaked database or backup does
not reveal what they protect. Outside production a key is derived from SECRET_KEY."""

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


def derive_key(secret: str) -> str:
    return base64.urlsafe_b64encode(
        hashlib.sha256(("civicspace-fields:" + secret).encode()).digest()
    ).decode()


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in keys])


def _keys() -> tuple[str, ...]:
    keys = tuple(k for k in settings.FIELD_ENCRYPTION_KEYS if k)
    return keys or (derive_key(settings.SECRET_KEY),)


def encrypt(text: str) -> str:
    return _fernet(_keys()).encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(_keys()).decrypt(token.encode()).decode()
