"""Column names of every table presslens produces, in one place.

Each constant is the name of a DataFrame column (grouped by the table that introduces it, with
its meaning and range); the ``*_COLUMNS`` tuples at the end give the column order of each table
as described in DESIGN.md. Analysers import these names instead of spelling
strings, so a renamed column is a one-line change.
"""

from __future__ import annotations

#: The columns of a table, in order.
Columns = tuple[str, ...]

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

# rejected: one row per input that could not become an article
REASON = "reason"
DETAIL = "detail"

# removed: one row per line (or fragment of a line) that cleaning took out
LINE_NO = "line_no"
REMOVED_TEXT = "removed"

# sentences: one row per sentence of an article's cleaned text
PARAGRAPH = "paragraph"
IN_QUOTE = "in_quote"

# quote spans found by analysis.text (the quotes table of the voices analyser builds on them)

# keywords: one row per article keyword (analysis.doc_keywords; words: higher weight = more
# important; phrases: YAKE's score, lower yake_score = more important; rank 1 = first)
KEYWORD = "keyword"
KEY = "key"
YAKE_SCORE = "yake_score"
RANK = "rank"
KIND = "kind"
WEIGHT = "weight"

# distinctive_terms: one row per outlet term (z > 0 = over-used by the outlet)
TERM = "term"
COUNT = "count"
Z = "z"

# mentions: one row per actor mention (offsets into articles.text, end exclusive)
ACTOR = "actor"
SURFACE = "surface"
HOW = "how"
ACTOR_KIND = "actor_kind"

# actor_sentiment: one row per mention (polarity -1..1, > 0 = portrayed positively)
LEXICON_POLARITY = "lexicon_polarity"
POLARITY = "polarity"
LABEL = "label"
CONFIDENCE = "confidence"

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
#: the body a speaker speaks for ("Kremlin spokesman Dmitry Peskov": the Kremlin), "" for none
ON_BEHALF_OF = "on_behalf_of"
VERB = "verb"
VERB_CLASS = "verb_class"
CONNOTATION = "connotation"
DIRECT = "direct"
WORDS = "words"
ATTRIBUTION = "attribution"

# speaker kinds (analysis.speaker_kinds): the kind of voice of each quote, and per outlet
ROLE = "role"
ROLE_CUE = "role_cue"
ROLE_FROM = "role_from"
QUOTES = "quotes"
SHARE_QUOTES = "share_quotes"
SHARE_WORDS = "share_words"
SPEAKERS = "speakers"
KIND_DIVERSITY = "kind_diversity"
SPEAKER_EVENNESS = "speaker_evenness"

# omissions (analysis.omissions): what most other outlets carry and one never does
PROMINENT = "prominent"
CARRIERS = "carriers"
OTHERS = "others"
SHARE = "share"
CHANCE = "chance"
OMISSIONS = "omissions"
STATUS = "status"
WHERE = "where"

# stance (analysis.stance): one row per sentence, actor and topic
TOPIC = "topic"
STANCE = "stance"
CUE = "cue"
MODIFIER = "modifier"
HOLDER = "holder"
EVIDENCE = "evidence"
#: what the topic is: "actor" (a person, country or organisation: the topic is its name, or
#: that of a topic named after it) or "topic" (a topic of the topic file)
TARGET_KIND = "target_kind"

# stance_objects (analysis.stance): one row per object of a stance predicate in the parse
# ("proposed a ceasefire": ceasefire), the material of the Stance page's topic proposals

# spellings (analysis.spelling): one row per article and spelling variant it uses
GROUP = "group"
VARIANT = "variant"
HEADLINE = "headline"
# spelling candidates (analysis.spelling.discover_variants): one row per proposed group
VARIANTS = "variants"
COUNTS = "counts"
DIFFERENCE = "difference"
SIMILARITY = "similarity"
SHARED_CONTEXT = "shared_context"
OUTLETS = "outlets"
EXAMPLES = "examples"
NEW = "new"

# terms (analysis.framing): one row per article and contested term it uses
QUOTED = "quoted"
EXAMPLE = "example"

# frame answers and frames (analysis.framing): the Semetko & Valkenburg codebook per article
FRAME = "frame"
QUESTION_ID = "question_id"
QUESTION = "question"
ANSWER = "answer"
YES = "yes"
QUESTIONS = "questions"

# labels (analysis.framing): one row per description attached to a person actor

# overview (analysis.overview): outlet cards, one row per fact of an outlet's card
SECTION = "section"
ITEM = "item"
VALUE = "value"

# overview: articles and sentiment toward one actor per publication date and outlet
DATE = "date"

# overview: the largest differences between outlets (ranked), and the evidence of each
STATEMENT = "statement"
DETAILS = "details"
SUBJECT = "subject"

# groups (analysis.groups): a measure per article, and the differences between groups of outlets
VERSUS = "versus"
MEAN = "mean"
VERSUS_MEAN = "versus_mean"
EFFECT = "effect"
P_VALUE = "p"
Q_VALUE = "q"
VERSUS_ARTICLES = "versus_articles"
GROUP_OUTLETS = "group_outlets"
VERSUS_OUTLETS = "versus_outlets"
TESTED = "tested"

# analysis_errors (analysis.pipeline): one row per analyser that failed on an article (or, with
# an empty article_id, on the whole corpus); that analyser's rows for that article are missing
ANALYSER = "analyser"
ERROR = "error"
MESSAGE = "message"

# The columns of each table, in order (the longer tuples a few names a line).
# fmt: off
ARTICLE_COLUMNS: Columns = (ARTICLE_ID, OUTLET, DOMAIN, URL, TITLE, PUBLISHED, TEXT, RAW_TEXT,
                            SOURCE, N_WORDS, LANGUAGE, REMOVED_LINES, ENCODING, COPY_OF,
                            COPY_OVERLAP)
REJECTED_COLUMNS: Columns = (SOURCE, REASON, DETAIL)
REMOVED_COLUMNS: Columns = (ARTICLE_ID, SOURCE, LINE_NO, REMOVED_TEXT, REASON)
SENTENCE_COLUMNS: Columns = (ARTICLE_ID, SENT_ID, START, END, TEXT, PARAGRAPH, IN_QUOTE)
QUOTE_SPAN_COLUMNS: Columns = (ARTICLE_ID, START, END, PARAGRAPH)
KEYWORD_COLUMNS: Columns = (ARTICLE_ID, KEYWORD, KEY, KIND, YAKE_SCORE, WEIGHT, RANK)
DISTINCTIVE_COLUMNS: Columns = (OUTLET, TERM, COUNT, Z)
MENTION_COLUMNS: Columns = (ARTICLE_ID, SENT_ID, ACTOR, SURFACE, START, END, HOW, ACTOR_KIND)
ACTOR_SENTIMENT_COLUMNS: Columns = (ARTICLE_ID, SENT_ID, ACTOR, SURFACE, START, END,
                                    LEXICON_POLARITY, POLARITY, LABEL, CONFIDENCE)
QUOTE_COLUMNS: Columns = (ARTICLE_ID, QUOTE_ID, SENT_ID, TEXT, SPEAKER, SPEAKER_TEXT, SPEAKER_VIA,
                          SPEAKER_KIND, ON_BEHALF_OF, VERB, VERB_CLASS, CONNOTATION, DIRECT, START,
                          END, WORDS, ATTRIBUTION)
SPEAKER_ROLE_COLUMNS: Columns = (ARTICLE_ID, QUOTE_ID, ROLE, ROLE_CUE, ROLE_FROM)
STANCE_COLUMNS: Columns = (ARTICLE_ID, SENT_ID, ACTOR, TOPIC, STANCE, CUE, MODIFIER, HOLDER,
                           EVIDENCE, START, END, TARGET_KIND)
STANCE_OBJECT_COLUMNS: Columns = (ARTICLE_ID, SENT_ID, TERM, CUE, START, END)
SPELLING_COLUMNS: Columns = (ARTICLE_ID, GROUP, VARIANT, COUNT, HEADLINE, SOURCE)
VARIANT_HIT_COLUMNS: Columns = (ARTICLE_ID, GROUP, VARIANT, SURFACE, START, END)
CANDIDATE_COLUMNS: Columns = (GROUP, VARIANTS, COUNTS, DIFFERENCE, SIMILARITY, SHARED_CONTEXT,
                              OUTLETS, EXAMPLES, NEW)
TERM_COLUMNS: Columns = (ARTICLE_ID, GROUP, TERM, COUNT, QUOTED, HEADLINE, EXAMPLE, SENT_ID)
TERM_HIT_COLUMNS: Columns = (ARTICLE_ID, SENT_ID, GROUP, TERM, SURFACE, START, END, QUOTED)
FRAME_ANSWER_COLUMNS: Columns = (ARTICLE_ID, FRAME, QUESTION_ID, QUESTION, ANSWER, HEADLINE, CUE,
                                 SENT_ID, EVIDENCE)
FRAME_COLUMNS: Columns = (ARTICLE_ID, FRAME, SCORE, YES, QUESTIONS, HEADLINE, EVIDENCE)
LABEL_COLUMNS: Columns = (ARTICLE_ID, ACTOR, LABEL, SENT_ID, KIND, SURFACE, START, END)
CARD_COLUMNS: Columns = (OUTLET, SECTION, ITEM, VALUE, COUNT)
TIMELINE_COLUMNS: Columns = (DATE, OUTLET, ARTICLES, MENTIONS, MEAN_POLARITY)
EVIDENCE_COLUMNS: Columns = (RANK, OUTLET, ITEM, COUNT, ARTICLE_ID, EXAMPLE)
DIFFERENCE_COLUMNS: Columns = (RANK, KIND, SUBJECT, STATEMENT, DETAILS, SCORE)
MEASURE_COLUMNS: Columns = (ARTICLE_ID, KIND, ITEM, VALUE)
GROUP_DIFFERENCE_COLUMNS: Columns = (KIND, ITEM, GROUP, VERSUS, MEAN, VERSUS_MEAN, DIFFERENCE,
                                     CI_LOW, CI_HIGH, EFFECT, P_VALUE, Q_VALUE, ARTICLES,
                                     VERSUS_ARTICLES, GROUP_OUTLETS, VERSUS_OUTLETS, TESTED,
                                     REASON)
ANALYSIS_ERROR_COLUMNS: Columns = (ARTICLE_ID, OUTLET, TITLE, ANALYSER, ERROR, MESSAGE)
