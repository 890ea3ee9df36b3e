"""A story backend held in memory: what ``scripts/train_stories.py`` replays the Baly
folds through (thousands of linkings in seconds) and what tests of the linker use.

It answers the linker's calls (:class:`marsad.link.stories.StoryBackend`) as the SQLite
backend does: candidates from at most ``POSTINGS`` newest stories per key, merged stories
pointing to their survivor.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from marsad.link.stories import best_candidates

POSTINGS = 200

Row = dict[str, Any]


class MemoryStories:
    def __init__(self) -> None:
        self.stories: dict[int, Row] = {}
        self.article_story: dict[int, int] = {}
        self.postings: defaultdict[str, dict[int, float]] = defaultdict(dict)
        self.story_keys: defaultdict[int, list[str]] = defaultdict(list)
        self.df: defaultdict[str, int] = defaultdict(int)
        self.log: list[tuple[str, int, int | None, int | None, str]] = []

    def story_candidates(self, keys: Sequence[str], limit: int) -> list[Row]:
        postings = [
            item for key in dict.fromkeys(keys)
            for item in sorted(self.postings.get(key, {}).items(), key=lambda kv: -kv[0])[:POSTINGS]
        ]
        return [dict(self.stories[i]) for i in best_candidates(postings, limit)
                if self.stories[i]["merged_into"] is None]

    def story_of(self, article_id: int) -> int | None:
        return self.article_story.get(article_id)

    def story_row(self, story_id: int) -> Row | None:
        row = self.stories.get(story_id)
        return dict(row) if row is not None else None

    def create_story(self, row: Row) -> int:
        story_id = len(self.stories) + 1
        self.stories[story_id] = {**row, "id": story_id, "merged_into": None}
        return story_id

    def update_story(self, story_id: int, row: Row) -> None:
        self.stories[story_id].update(row)

    def add_story_article(self, story_id: int, article_id: int, score: float, reason: str) -> None:
        self.article_story[article_id] = story_id

    def set_story_keys(self, story_id: int, keys: Sequence[tuple[str, float]]) -> None:
        for key in self.story_keys[story_id]:
            self.postings[key].pop(story_id, None)
        self.story_keys[story_id] = [k for k, _ in keys]
        for key, weight in keys:
            self.postings[key][story_id] = weight

    def merge_stories(self, survivor: int, merged: int) -> None:
        for article_id, story_id in self.article_story.items():
            if story_id == merged:
                self.article_story[article_id] = survivor
        self.set_story_keys(merged, [])
        self.stories[merged].update(merged_into=survivor, n_articles=0)

    def log_story(self, action: str, story_id: int, article_id: int | None,
                  other_story: int | None, detail: str) -> None:
        self.log.append((action, story_id, article_id, other_story, detail))

    def key_df(self, keys: Sequence[str]) -> dict[str, int]:
        return {k: self.df[k] for k in keys if k in self.df}

    def bump_key_df(self, keys: Sequence[str]) -> None:
        for key in dict.fromkeys(keys):
            self.df[key] += 1

    def resolve_story(self, story_id: int) -> int:
        while self.stories[story_id]["merged_into"] is not None:
            story_id = int(self.stories[story_id]["merged_into"])
        return story_id
