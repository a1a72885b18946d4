"""The picker's HTMX endpoint. Public: the gazetteer is public reference data."""

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .forms import unit_choices
from .models import AdminUnit

CODE = re.compile(r"^\d{2}(\d{2})?$")
SAFE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,80}$")
CHILD_LEVEL = {2: AdminUnit.Level.DISTRICT, 4: AdminUnit.Level.COMMUNE}


@require_GET
def place_options(request: HttpRequest) -> HttpResponse:
    """The <option>s of the units under `parent` (a province code gives its districts, a district code
    its communes; no parent gives the provinces). HTMX sends the changed select's own name and value,
    so a parameter whose name ends in "province" or "district" is read as the parent too. `clear` names
    the id of a select further down to empty (out-of-band), e.g. the communes when the province changes."""
    parent = request.GET.get("parent", "") or next(
        (request.GET.get(k, "") for k in request.GET if k.endswith(("province", "district"))), ""
    )
    parent = parent.strip()
    if parent and not CODE.match(parent):
        parent = "-"  # not a province or district code: nothing under it
    if not parent:
        choices = unit_choices(level=AdminUnit.Level.PROVINCE)
    elif parent == "-":
        choices = unit_choices(level=AdminUnit.Level.DISTRICT)  # only the empty choice
    else:
        choices = unit_choices(level=CHILD_LEVEL[len(parent)], parent_code=parent)
    clear = request.GET.get("clear", "")
    context = {
        "choices": choices,
        "clear": clear if SAFE_ID.match(clear) else "",
        "empty": unit_choices(level=AdminUnit.Level.COMMUNE),
    }
    return render(request, "places/_options.html", context)
