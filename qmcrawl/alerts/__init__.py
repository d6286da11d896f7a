"""Change alerts: which stored changes users are told about."""
