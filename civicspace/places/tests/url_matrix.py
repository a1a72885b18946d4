"""The places app's URLs in the URL × role matrix (tests/test_url_matrix.py): all public reads."""

from tests.matrix import every

EXPECTED: dict[str, dict[str, int]] = {
    "places:options": every(200),
    "api:place-list": every(200),
    "api:place-detail": every(404),  # the sample code 99 is no province
}
SAMPLE_OVERRIDES: dict[str, dict[str, str]] = {"api:place-detail": {"code": "99"}}
