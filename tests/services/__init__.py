"""Tests of the use cases through Services: the OKR cycle, reports, activity, exchange."""
