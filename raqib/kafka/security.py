"""TLS and SASL for every Kafka connection Raqib makes, from one set of settings.

The worker's stages (librdkafka), its map's alert reader (aiokafka) and the CLI's
kafka-python clients take the same RAQIB_SECURITY_PROTOCOL, RAQIB_SASL_* and RAQIB_SSL_*
settings; this module turns them into what each library expects.
"""

from __future__ import annotations

import ssl

from raqib.config import Settings


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    """The TLS context for the brokers, verifying their certificates; None without TLS."""
    if not settings.uses_tls:
        return None
    context = ssl.create_default_context(
        cafile=str(settings.ssl_cafile) if settings.ssl_cafile else None)
    if settings.ssl_certfile:
        context.load_cert_chain(str(settings.ssl_certfile),
                                str(settings.ssl_keyfile) if settings.ssl_keyfile else None)
    return context


def librdkafka_security(settings: Settings) -> dict:
    """The security part of a librdkafka (confluent-kafka) client's configuration."""
    config: dict = {"security.protocol": settings.security_protocol}
    if settings.uses_tls:
        if settings.ssl_cafile:
            config["ssl.ca.location"] = str(settings.ssl_cafile)
        if settings.ssl_certfile:
            config["ssl.certificate.location"] = str(settings.ssl_certfile)
        if settings.ssl_keyfile:
            config["ssl.key.location"] = str(settings.ssl_keyfile)
    if settings.uses_sasl:
        config.update({"sasl.mechanism": settings.sasl_mechanism,
                       "sasl.username": settings.sasl_username,
                       "sasl.password": settings.sasl_password})
    return config


def client_security(settings: Settings) -> dict:
    """The security part of a kafka-python or aiokafka client's configuration (both
    libraries name these settings alike)."""
    config: dict = {"security_protocol": settings.security_protocol}
    if settings.uses_tls:
        config["ssl_context"] = ssl_context(settings)
    if settings.uses_sasl:
        config.update(sasl_mechanism=settings.sasl_mechanism,
                      sasl_plain_username=settings.sasl_username,
                      sasl_plain_password=settings.sasl_password)
    return config
