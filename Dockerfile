# The one image for web, workers and beat (docker-compose.yml picks the command).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Static files (the admin's CSS and JS) are collected at build time and served by WhiteNoise.
RUN SECRET_KEY=collectstatic-only-not-a-secret-key-0123456789 DJANGO_DEBUG=false \
    python manage.py collectstatic --noinput

RUN useradd --system --home /app autobill && mkdir -p /app/var && chown -R autobill /app/var
USER autobill
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "billing_site.wsgi"]
