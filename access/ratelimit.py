"""Login rate limit: failed logins are counted per username and per client address in the cache;
once either reaches ``LOGIN_FAILURES_LIMIT`` within ``LOGIN_FAILURES_WINDOW`` seconds, login
attempts from it are answered 429 (without checking the password) until the window has passed.
With ``CACHE_URL`` on Redis the counts are shared by every web process."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

LOGIN_PATHS = ("/admin/login/",)


def _client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR is the proxy's address behind one; the proxy sets X-Forwarded-For (its last
    # hop is the one it saw) when TRUST_X_FORWARDED_PROTO says a proxy is in front.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _keys(request: HttpRequest, username: str | None) -> list[str]:
    keys = [f"login-failures:addr:{_client_address(request)}"]
    if username:
        digest = hashlib.sha256(username.strip().lower().encode("utf-8", "replace")).hexdigest()[:32]
        keys.append(f"login-failures:user:{digest}")
    return keys


def login_blocked(request: HttpRequest, username: str | None) -> bool:
    counts = cache.get_many(_keys(request, username))
    return any(count >= settings.LOGIN_FAILURES_LIMIT for count in counts.values())


def login_failure_record(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    if request is None:
        return
    for key in _keys(request, credentials.get("username")):
        if cache.add(key, 1, timeout=settings.LOGIN_FAILURES_WINDOW):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=settings.LOGIN_FAILURES_WINDOW)


def login_success_record(sender: Any, request: HttpRequest | None = None, user: Any = None, **kw: Any) -> None:
    if request is not None and user is not None:
        cache.delete(_keys(request, user.get_username())[1])


user_login_failed.connect(login_failure_record, dispatch_uid="access.login_failure_record")
user_logged_in.connect(login_success_record, dispatch_uid="access.login_success_record")


class LoginRateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path in LOGIN_PATHS:
            username = request.POST.get("username")
            if login_blocked(request, username):
                logger.warning("login rate limit: refused a login for %r from %s", username, _client_address(request))
                response = HttpResponse(
                    "Too many failed logins. Try again later.", status=429, content_type="text/plain"
                )
                response["Retry-After"] = str(settings.LOGIN_FAILURES_WINDOW)
                return response
        return self.get_response(request)
