"""What one load of articles may read: the budget every reader charges while it decodes.

A few kilobytes on disk can decode to gigabytes (a Parquet file of ten million
dictionary-encoded rows, a zstd-compressed column of 128 MB strings), so limits applied to
what was read come too late. The readers of :mod:`analysis.ingest` charge a :class:`Budget`
as they go — a Parquet file's row count and decompressed size from its metadata before any
row is decoded, then each batch's characters; a CSV file a chunk of rows at a time; a JSON
file by the values it can hold before it is parsed; a JSON Lines file a line at a time — so
a file over budget is refused as **one** rejection with its reason, before it is held in
memory. The dashboard gives every load of a session one budget (:data:`SESSION_ARTICLES`,
:data:`READ_CHARS`); the command line sets its own (``--max-articles``, ``--max-chars``).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Characters of article text one corpus holds (after cleaning).
CORPUS_CHARS = 50_000_000
#: Articles (rows of corpus files, files, pasted texts, pages) one dashboard session holds.
SESSION_ARTICLES = 200_000
#: Characters (and, for compressed files, decompressed bytes) one load may decode: article
#: text, markup and metadata cells. Four times :data:`CORPUS_CHARS`, since markup and
#: metadata are read before cleaning keeps the text.
READ_CHARS = 4 * CORPUS_CHARS
#: Columns a corpus file may have (a one-line CSV of ten million commas is ten million
#: columns to pandas).
MAX_COLUMNS = 1_000
#: Rejections listed for one input file; the others of that file are counted in one more row.
LISTED_REJECTIONS = 1_000


class OverBudget(Exception):
    """What was about to be read is more than the budget left; ``reason`` says so in words
    a person understands."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Budget:
    """Articles and characters a load may still read (both counts only go down).

    ``holder`` says whose limit it is in messages ("a dashboard session holds", "this
    command reads (--max-articles, --max-chars)"); ``articles_limit`` and ``chars_limit`` are
    the whole budget, for those messages.
    """

    articles: int = SESSION_ARTICLES
    chars: int = READ_CHARS
    holder: str = "a dashboard session holds"

    def __post_init__(self) -> None:
        self.articles_limit, self.chars_limit = self.articles, self.chars

    @classmethod
    def of_corpus(cls, *, max_articles: int, max_chars: int, holder: str) -> Budget:
        """The budget of a corpus of at most ``max_articles`` articles and ``max_chars``
        characters of cleaned text (reading may decode :data:`READ_CHARS` per
        :data:`CORPUS_CHARS`)."""
        return cls(max_articles, max_chars * (READ_CHARS // CORPUS_CHARS), holder)

    def _left(self, what: str, left: int, limit: int) -> str:
        if left == limit:
            return f"the {limit:,} {what} {self.holder}"
        return f"the {left:,} {what} left of the {limit:,} {self.holder}"

    def refusal(
        self, rows: int, chars: int, *, more: bool = False, what: str = "characters of text"
    ) -> str | None:
        """Why ``rows`` articles of ``chars`` characters do not fit in what is left (None
        when they fit); ``more``: the rows are a lower bound ("more than ..."); ``what`` the
        characters are."""
        if rows > self.articles:
            left = self._left("articles", self.articles, self.articles_limit)
            return f"{'more than ' if more else ''}{rows:,} rows: more than {left}."
        if chars > self.chars:
            left = self._left("characters", self.chars, self.chars_limit)
            return f"{chars:,} {what}: more than {left}."
        return None

    def charge(self, rows: int, chars: int) -> None:
        """Take ``rows`` articles and ``chars`` characters; raise :class:`OverBudget` (and
        take nothing) when they do not fit."""
        reason = self.refusal(rows, chars)
        if reason is not None:
            raise OverBudget(_sentence(reason))
        self.articles -= rows
        self.chars -= chars

    def tally(self) -> Tally:
        """A count of one input's rows and characters, checked against this budget as the
        input is read and charged to it when the input is kept."""
        return Tally(self)


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


@dataclass
class Tally:
    """The rows and characters of one input read so far. :meth:`add` checks each batch
    against what the budget has left (the input's own rows and characters together, so a
    refusal names the input's size); :meth:`close` charges what was kept."""

    budget: Budget
    rows: int = 0
    chars: int = 0

    def check(
        self, rows: int, chars: int, *, more: bool = False, what: str = "characters of text"
    ) -> None:
        """Raise :class:`OverBudget` when the input, with ``rows`` rows and ``chars``
        characters more, would be over budget (``more``: it holds more rows than counted;
        ``what`` the characters are); count nothing."""
        reason = self.budget.refusal(self.rows + rows, self.chars + chars, more=more, what=what)
        if reason is not None:
            raise OverBudget(_sentence(reason))

    def add(self, rows: int, chars: int, *, more: bool = False) -> None:
        """Count a batch of ``rows`` rows and ``chars`` characters once :meth:`check` lets
        them in."""
        self.check(rows, chars, more=more)
        self.rows += rows
        self.chars += chars

    def close(self) -> None:
        """Charge the budget with what was counted (it fits: :meth:`add` checked it)."""
        self.budget.charge(self.rows, self.chars)
