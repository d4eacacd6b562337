"""Use cases as pure plans: what an action would write, checked against every rule.

A plan takes the workspace and an `Actor` (`actor.py`: who acts, when, as an aware moment
in the person's own time zone so that its date is their today, and where new ids come
from) and returns the records the action would write, or raises the domain error that
refuses it. It writes nothing: a service applies it in one short transaction, and a form
calls it as a person types.
"""
