"""Demo data, above every app (ADR 0017): the directory of the CSO–UN meeting of 2 June 2021 with one
account per role, the meeting itself with its asks and adopted outcome, illustrative follow-up of those
asks, and two budget consultations with synthetic input. `manage.py load_demo` loads it all; every
person and every response in it is fictional or marked as illustrative."""
