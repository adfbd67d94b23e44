# The Raqib worker image: `docker compose up` builds it from this file.
FROM python:3.11-slim

WORKDIR /app
COPY pyproject.toml README.md ./
COPY raqib ./raqib
COPY agents ./agents
COPY schemas ./schemas
RUN pip install --no-cache-dir . && useradd --system --home /var/lib/raqib raqib \
    && mkdir -p /var/lib/raqib && chown raqib /var/lib/raqib

USER raqib
ENV RAQIB_HOME=/var/lib/raqib \
    RAQIB_BROKER=kafka:9092 \
    RAQIB_WEB_HOST=0.0.0.0 \
    RAQIB_WEB_PORT=6066
EXPOSE 6066
ENTRYPOINT ["raqib"]
CMD ["worker"]
