"""`make run` serves the web process on the port it prints (8000, or $PORT)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from demo.management.commands import run_demo_stack

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("env_port", "port"), [(None, "8000"), ("8123", "8123")])
def test_web_listens_where_the_banner_says(monkeypatch, env_port: str | None, port: str) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr(run_demo_stack, "call_command", lambda *a, **k: None)  # the demo data: tested elsewhere
    monkeypatch.setattr(run_demo_stack.subprocess, "run", lambda args, **k: started.append(list(args)))
    if env_port is None:
        monkeypatch.delenv("PORT", raising=False)
    else:
        monkeypatch.setenv("PORT", env_port)
    out = io.StringIO()

    call_command("run_demo_stack", stdout=out)

    assert f"http://127.0.0.1:{port}/admin/" in out.getvalue()
    (honcho,) = started
    assert honcho[1:4] == ["start", "-p", port]


