"""The embedded broker writes each message atomically, so a worker never reads a partial file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from kombu import Connection

from billing_site import kombu_filesystem

TRANSPORT = "billing_site.kombu_filesystem:Transport"


def _connection(folder: Path) -> Connection:
    return Connection(
        "filesystem://",
        transport=TRANSPORT,
        transport_options={"data_folder_in": str(folder), "data_folder_out": str(folder), "store_processed": False},
    )


def test_messages_go_through_the_queue(tmp_path: Path) -> None:
    with _connection(tmp_path) as conn:
        queue = conn.SimpleQueue("billing")
        queue.put({"invoice": 42, "amount": "720.00"})
        message = queue.get(timeout=2)
        assert message.payload == {"invoice": 42, "amount": "720.00"}
        message.ack()
        queue.close()
    assert not list(tmp_path.iterdir())  # consumed, nothing left behind


def test_a_message_file_appears_only_once_complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[list[str], dict[str, object]]] = []
    replace = os.replace

    def checking_replace(src: str, dst: str) -> None:
        # What a worker listing the folder could pick up at this moment: no message file yet, and
        # the file about to become one already holds the whole message.
        visible = [name for name in os.listdir(tmp_path) if name.endswith(".billing.msg")]
        seen.append((visible, json.loads(Path(src).read_text())))
        replace(src, dst)

    monkeypatch.setattr(kombu_filesystem.os, "replace", checking_replace)
    with _connection(tmp_path) as conn:
        queue = conn.SimpleQueue("billing")
        queue.put({"invoice": 7})
        queue.close()

    assert len(seen) == 1
    visible, written = seen[0]
    assert visible == []
    assert written["body"]  # the full kombu envelope, body included
    assert [p.name.endswith(".billing.msg") for p in tmp_path.iterdir()] == [True]
