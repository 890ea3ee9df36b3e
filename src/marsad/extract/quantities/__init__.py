"""Quantities: figures (numbers, number words, bounds, units, what is counted) and dates
(month tables, absolute, relative and Hijri dates resolved against an anchor)."""
