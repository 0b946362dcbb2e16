"""Extraction quality: what the parser could not read, so that findings resting on it are read with care.

The family's regulation text and shared wording; its rules live in the modules beside this file."""

from __future__ import annotations
