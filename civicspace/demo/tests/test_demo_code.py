import io
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.core.management import CommandError, call_command

from civicspace.demo.organisations import DEMO_TOTP_SECRET


def test_demo_code_prints_a_code_the_demo_accounts_accept(settings: Any) -> None:
    settings.DEMO_ACCOUNTS_ALLOWED = True
    out = io.StringIO()
    call_command("demo_code", stdout=out)
    code = out.getvalue().split()[0]
    assert len(code) == 6 and code.isdigit()
    assert validate_totp_code(DEMO_TOTP_SECRET, code)


def test_demo_code_refuses_where_demo_accounts_are_disabled(settings: Any) -> None:
    settings.DEMO_ACCOUNTS_ALLOWED = False
    with pytest.raises(CommandError, match="disabled"):
        call_command("demo_code", stdout=io.StringIO())
