"""Readable decimals everywhere in the admin: no "0E-12" and no "200.000000000000" on any registered
changelist or change page, whatever precision the field stores (billing_site.admin_display)."""

from __future__ import annotations

import re

import pytest

from tests.test_admin_smoke import _admin_url, _our_models, _world

pytestmark = pytest.mark.django_db

SCIENTIFIC = re.compile(r"(?<![0-9A-Za-z])\d+(?:\.\d+)?E[-+]\d+(?![0-9A-Za-z])")  # str(Decimal): 0E-12, 4E+2
LONG_ZEROS = re.compile(r"\d\.\d*0{5,}(?!\d)")  # 200.000000000000, 0.0040000000


def _visible(html: str) -> str:
    """The page without scripts and styles (their hashes and CSS are not numbers a person reads)."""
    html = re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)
    return re.sub(r'(?:integrity|nonce|sha256|csrfmiddlewaretoken)="[^"]*"|value="[0-9a-f]{40,}"', "", html)


def _problems(html: str) -> list[str]:
    text = _visible(html)
    return [text[max(0, m.start() - 80):m.end() + 20] for m in (*SCIENTIFIC.finditer(text), *LONG_ZEROS.finditer(text))]


@pytest.mark.parametrize("model", _our_models(), ids=lambda m: m._meta.label)
def test_changelist_and_change_page_show_readable_decimals(admin_client, model: type) -> None:
    _world("a")
    changelist = admin_client.get(_admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert _problems(changelist.content.decode()) == []
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None
    change = admin_client.get(_admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    assert _problems(change.content.decode()) == []


def test_readable_decimal_keeps_significant_places_only() -> None:
    from decimal import Decimal as D

    from billing_site.admin_display import readable_decimal

    assert readable_decimal(D("200.000000000000")) == "200.00"
    assert readable_decimal(D("0E-12")) == "0.00"
    assert readable_decimal(D("0.004000000000")) == "0.004"
    assert readable_decimal(D("1.0800000000"), grouping=False) == "1.08"
    assert readable_decimal(D("7"), at_most=0) == "7"
    assert readable_decimal(D("-12.5")) == "-12.50"
