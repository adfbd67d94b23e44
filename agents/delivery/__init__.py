"""The delivery core: exactly-once processing of one stage, owned by Raqib.

- stage.py: what a stage is to the core (a function from a record to outputs, and the
  state stores it keeps);
- checkpoint.py: one Kafka transaction and the steps that commit or abort it;
- runner.py: a stage's consumer and producer, assignment, restore, revocation, stop;
- state.py: stores backed by changelog topics, and their restore;
- clients.py: the librdkafka clients and why this client;
- service.py: each runner as a service of the Faust app, in a thread of its own.
"""
