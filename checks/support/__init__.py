"""Readings shared by several rule families and by the dashboard: lookups, money, figures, plans, sums.

No rule is registered here; rule families import these modules, never each other.
"""
