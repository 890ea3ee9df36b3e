"""Attributed claims: reporting words, quotes, and the speaker of each claim resolved
through continuations, roles, relays and grammatical gender."""
