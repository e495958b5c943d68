"""`make run`: localstripe (the demo's Stripe), demo data, then the web server, a Celery worker
and celery-beat together until Ctrl-C."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

BIN = Path(sys.executable).parent


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


class Command(BaseCommand):
    help = "Run the whole product locally: localstripe, demo data, web, worker and beat."

    def handle(self, *args: Any, **options: Any) -> None:
        stripe_proc = self._start_localstripe()
        try:
            call_command("load_demo")
            self._admin_user()
            port = os.environ.get("PORT", "8000")
            self.stdout.write(
                self.style.SUCCESS(
                    f"\nAutobill is starting on http://127.0.0.1:{port}/admin/\n"
                    "  admin login: admin / admin (superuser)\n"
                    "  role logins: billing/billing, ar/ar, cfo/cfo, auditor/auditor\n"
                    f"  API docs:    http://127.0.0.1:{port}/api/docs/  (key: manage.py create_api_key NAME)\n"
                )
            )
            # honcho gives the first process (web) PORT = its base port, 5000 unless told.
            honcho = [str(BIN / "honcho"), "start", "-p", port, "-f", str(settings.BASE_DIR / "Procfile")]
            subprocess.run(honcho, check=False)
        finally:
            if stripe_proc is not None:
                stripe_proc.terminate()

    def _start_localstripe(self) -> subprocess.Popen[bytes] | None:
        base = urlparse(settings.STRIPE_API_BASE or "")
        if not settings.STRIPE_API_KEY or base.hostname not in ("127.0.0.1", "localhost") or not base.port:
            return None
        if _listening(base.hostname, base.port):
            return None
        # --from-scratch: never load /tmp/localstripe.pickle, which a killed instance can leave cut
        # short (localstripe then dies at start-up); the demo loader re-creates what it needs.
        proc = subprocess.Popen(
            [str(BIN / "localstripe"), "--port", str(base.port), "--from-scratch"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if _listening(base.hostname, base.port):
                self.stdout.write(f"localstripe (demo Stripe) on {settings.STRIPE_API_BASE}")
                return proc
            time.sleep(0.1)
        proc.terminate()
        raise CommandError("localstripe did not start")

    def _admin_user(self) -> None:
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@autobill.test", "admin")
