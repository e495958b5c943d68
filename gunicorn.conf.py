"""gunicorn settings: `gunicorn -c gunicorn.conf.py billing_site.wsgi`.

Sized from the machine: one worker process per core (WEB_CONCURRENCY overrides), each with
GUNICORN_THREADS threads (gthread). Requests spend much of their time in PostgreSQL, so threads
overlap that wait cheaply: on 2 cores the ingestion load went from 20k events/s with gunicorn's
default (one sync worker) to 43k with 2 workers x 4 threads (bench/README.md). Each thread holds at
most one database connection (CONN_MAX_AGE): workers x threads x web machines must stay under
PostgreSQL's max_connections (put pgbouncer in front beyond that).
"""

from __future__ import annotations

import multiprocessing
import os

cores = multiprocessing.cpu_count()

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, cores)))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
# A batch of 10,000 events is parsed and stored in a few seconds; PDFs render in the workers.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (memory held by large batches), staggered so they do not all restart.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = max_requests // 10
# Request line and headers: refuse oversized ones early (bodies are limited by Django's settings).
limit_request_line = 8190
limit_request_fields = 100
# Behind a TLS-terminating proxy: trust its X-Forwarded-* headers (FORWARDED_ALLOW_IPS, e.g. its address).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Load the app once in the master, then fork: faster start and copy-on-write memory.
preload_app = True
