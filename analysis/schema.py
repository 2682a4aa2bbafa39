"""Column names of every table presslens produces, in one place.

Each constant is the name of a DataFrame column; the ``*_COLUMNS`` tuples give the column order
of each table as described in DESIGN.md. Analysers import these names instead of spelling
strings, so a renamed column is a one-line change.
"""

from __future__ import annotations

# shared keys
ARTICLE_ID = "article_id"
SENT_ID = "sent_id"
START = "start"
END = "end"
TEXT = "text"

# articles: one row per accepted article
OUTLET = "outlet"
DOMAIN = "domain"
URL = "url"
TITLE = "title"
PUBLISHED = "published"
RAW_TEXT = "raw_text"
SOURCE = "source"
N_WORDS = "n_words"
LANGUAGE = "language"
REMOVED_LINES = "removed_lines"
ENCODING = "encoding"
COPY_OF = "copy_of"
COPY_OVERLAP = "copy_overlap"

ARTICLE_COLUMNS: tuple[str, ...] = (
    ARTICLE_ID,
    OUTLET,
    DOMAIN,
    URL,
    TITLE,
    PUBLISHED,
    TEXT,
    RAW_TEXT,
    SOURCE,
    N_WORDS,
    LANGUAGE,
    REMOVED_LINES,
    ENCODING,
    COPY_OF,
    COPY_OVERLAP,
)

# rejected: one row per input that could not become an article
REASON = "reason"
DETAIL = "detail"
REJECTED_COLUMNS: tuple[str, ...] = (SOURCE, REASON, DETAIL)

# removed: one row per line (or fragment of a line) that cleaning took out
LINE_NO = "line_no"
REMOVED_TEXT = "removed"
REMOVED_COLUMNS: tuple[str, ...] = (ARTICLE_ID, SOURCE, LINE_NO, REMOVED_TEXT, REASON)

# sentences: one row per sentence of an article's cleaned text
PARAGRAPH = "paragraph"
IN_QUOTE = "in_quote"
SENTENCE_COLUMNS: tuple[str, ...] = (ARTICLE_ID, SENT_ID, START, END, TEXT, PARAGRAPH, IN_QUOTE)

# quote spans found by analysis.text (the quotes table of the voices analyser builds on them)
QUOTE_SPAN_COLUMNS: tuple[str, ...] = (ARTICLE_ID, START, END, PARAGRAPH)

# keywords: one row per article keyword (YAKE; lower yake_score = more important, rank 1 = first)
KEYWORD = "keyword"
KEY = "key"
YAKE_SCORE = "yake_score"
RANK = "rank"
KIND = "kind"
WEIGHT = "weight"
KEYWORD_COLUMNS: tuple[str, ...] = (ARTICLE_ID, KEYWORD, KEY, KIND, YAKE_SCORE, WEIGHT, RANK)

# distinctive_terms: one row per outlet term (z > 0 = over-used by the outlet)
TERM = "term"
COUNT = "count"
Z = "z"
DISTINCTIVE_COLUMNS: tuple[str, ...] = (OUTLET, TERM, COUNT, Z)

# mentions: one row per actor mention (offsets into articles.text, end exclusive)
ACTOR = "actor"
SURFACE = "surface"
HOW = "how"
ACTOR_KIND = "actor_kind"
MENTION_COLUMNS: tuple[str, ...] = (
    ARTICLE_ID,
    SENT_ID,
    ACTOR,
    SURFACE,
    START,
    END,
    HOW,
    ACTOR_KIND,
)

# actor_sentiment: one row per mention (polarity -1..1, > 0 = portrayed positively)
LEXICON_POLARITY = "lexicon_polarity"
POLARITY = "polarity"
LABEL = "label"
CONFIDENCE = "confidence"
ACTOR_SENTIMENT_COLUMNS: tuple[str, ...] = (
    ARTICLE_ID,
    SENT_ID,
    ACTOR,
    SURFACE,
    START,
    END,
    LEXICON_POLARITY,
    POLARITY,
    LABEL,
    CONFIDENCE,
)

# actor_summary (analysis.aggregate): one row per outlet and actor
MENTIONS = "mentions"
ARTICLES = "articles"
MEAN_POLARITY = "mean_polarity"
CI_LOW = "ci_low"
CI_HIGH = "ci_high"
SHARE_NEGATIVE = "share_negative"
SHARE_POSITIVE = "share_positive"
MEAN_LEXICON = "mean_lexicon"
ENOUGH = "enough"

# outlet keywords (analysis.keywords.outlet_keywords): higher score = more important
SCORE = "score"

# quotes (analysis.quotes): one row per direct quote or piece of reported speech
QUOTE_ID = "quote_id"
SPEAKER = "speaker"
SPEAKER_TEXT = "speaker_text"
SPEAKER_VIA = "speaker_via"
SPEAKER_KIND = "speaker_kind"
VERB = "verb"
VERB_CLASS = "verb_class"
CONNOTATION = "connotation"
DIRECT = "direct"
WORDS = "words"
ATTRIBUTION = "attribution"
QUOTE_COLUMNS: tuple[str, ...] = (
    ARTICLE_ID,
    QUOTE_ID,
    SENT_ID,
    TEXT,
    SPEAKER,
    SPEAKER_TEXT,
    SPEAKER_VIA,
    SPEAKER_KIND,
    VERB,
    VERB_CLASS,
    CONNOTATION,
    DIRECT,
    START,
    END,
    WORDS,
    ATTRIBUTION,
)

# stance (analysis.stance): one row per sentence, actor and topic
TOPIC = "topic"
STANCE = "stance"
CUE = "cue"
MODIFIER = "modifier"
HOLDER = "holder"
EVIDENCE = "evidence"
STANCE_COLUMNS: tuple[str, ...] = (
    ARTICLE_ID,
    SENT_ID,
    ACTOR,
    TOPIC,
    STANCE,
    CUE,
    MODIFIER,
    HOLDER,
    EVIDENCE,
    START,
    END,
)

# stance_objects (analysis.stance): one row per object of a stance predicate in the parse
# ("proposed a ceasefire": ceasefire), the material of the Stance page's topic proposals
STANCE_OBJECT_COLUMNS: tuple[str, ...] = (ARTICLE_ID, SENT_ID, TERM, CUE, START, END)

# spellings (analysis.spelling): one row per article and spelling variant it uses
GROUP = "group"
VARIANT = "variant"
HEADLINE = "headline"
SPELLING_COLUMNS: tuple[str, ...] = (ARTICLE_ID, GROUP, VARIANT, COUNT, HEADLINE, SOURCE)
VARIANT_HIT_COLUMNS: tuple[str, ...] = (ARTICLE_ID, GROUP, VARIANT, SURFACE, START, END)
# spelling candidates (analysis.spelling.discover_variants): one row per proposed group
VARIANTS = "variants"
COUNTS = "counts"
DIFFERENCE = "difference"
SIMILARITY = "similarity"
SHARED_CONTEXT = "shared_context"
OUTLETS = "outlets"
EXAMPLES = "examples"
NEW = "new"
CANDIDATE_COLUMNS: tuple[str, ...] = (
    GROUP,
    VARIANTS,
    COUNTS,
    DIFFERENCE,
    SIMILARITY,
    SHARED_CONTEXT,
    OUTLETS,
    EXAMPLES,
    NEW,
)

# terms (analysis.framing): one row per article and contested term it uses
QUOTED = "quoted"
EXAMPLE = "example"
TERM_COLUMNS: tuple[str, ...] = (
    ARTICLE_ID,
    GROUP,
    TERM,
    COUNT,
    QUOTED,
    HEADLINE,
    EXAMPLE,
    SENT_ID,
)
TERM_HIT_COLUMNS: tuple[str, ...] = (
    ARTICLE_ID,
    SENT_ID,
    GROUP,
    TERM,
    SURFACE,
    START,
    END,
    QUOTED,
)

# frame answers and frames (analysis.framing): the Semetko & Valkenburg codebook per article
FRAME = "frame"
QUESTION_ID = "question_id"
QUESTION = "question"
ANSWER = "answer"
FRAME_ANSWER_COLUMNS: tuple[str, ...] = (
    ARTICLE_ID,
    FRAME,
    QUESTION_ID,
    QUESTION,
    ANSWER,
    HEADLINE,
    CUE,
    SENT_ID,
    EVIDENCE,
)
YES = "yes"
QUESTIONS = "questions"
FRAME_COLUMNS: tuple[str, ...] = (ARTICLE_ID, FRAME, SCORE, YES, QUESTIONS, HEADLINE, EVIDENCE)

# labels (analysis.framing): one row per description attached to a person actor
LABEL_COLUMNS: tuple[str, ...] = (ARTICLE_ID, ACTOR, LABEL, SENT_ID, KIND, SURFACE, START, END)

# overview (analysis.overview): outlet cards, one row per fact of an outlet's card
SECTION = "section"
ITEM = "item"
VALUE = "value"
CARD_COLUMNS: tuple[str, ...] = (OUTLET, SECTION, ITEM, VALUE, COUNT)

# overview: the largest differences between outlets, and the evidence of each
STATEMENT = "statement"
DETAILS = "details"
SUBJECT = "subject"
DIFFERENCE_COLUMNS: tuple[str, ...] = (RANK, KIND, SUBJECT, STATEMENT, DETAILS, SCORE)
EVIDENCE_COLUMNS: tuple[str, ...] = (RANK, OUTLET, ITEM, COUNT, ARTICLE_ID, EXAMPLE)

# overview: articles and sentiment toward one actor per publication date and outlet
DATE = "date"
TIMELINE_COLUMNS: tuple[str, ...] = (DATE, OUTLET, ARTICLES, MENTIONS, MEAN_POLARITY)

# analysis_errors (analysis.pipeline): one row per analyser that failed on an article (or, with
# an empty article_id, on the whole corpus); that analyser's rows for that article are missing
ANALYSER = "analyser"
ERROR = "error"
MESSAGE = "message"
ANALYSIS_ERROR_COLUMNS: tuple[str, ...] = (ARTICLE_ID, OUTLET, TITLE, ANALYSER, ERROR, MESSAGE)
