"""Stance: what position each actor is reported to take toward each topic.

Topics (:class:`Topic`) are user-editable lists of cue words; the defaults are the data file
``analysis/data/topics.toml``. The cues that say a position (support, oppose, directive,
condition, negation, hedge, neutral) are ``analysis/data/stance_cues.toml``, which documents
the rules. :func:`find_stance` applies them sentence by sentence:

1. a sentence counts for a topic when one of the topic's cues occurs in it;
2. each support or oppose cue is given a holder, the actor who is its subject in the parse
   (else the nearest actor mention before it in the clause, appositions skipped), a "he" /
   "she" resolved to a person, or, for "I" / "we" inside a quotation, the quote's speaker
   (from the quotes table), with the actors coordinated with it; a cue noun's owner holds it
   ("Kyiv's ceasefire plan", "the backing of Trump"); a passive subject and the one asked to
   act ("waiting for Russia to announce") hold nothing; and a topic, the first topic cue
   after it in the clause (a word two topics share goes to the article's own topic);
3. negation, hedges and conditions change the label (support / oppose / conditional), a
   condition clause ahead of the cue's verb too ("if Putin agrees, both will fly there to
   meet him"), and the actor a condition names holds nothing;
4. what a speaker reports of their own side is the speaker's position: an intention in the
   clause a speech verb governs ("Russia said they would take place") and a cue whose subject
   is the speaker's side ("Medinsky said both sides agreed to ...", "according to X"); "we",
   "they" and "both sides" include the countries and organisations the speaker's title and
   description name ("U.S. Trade Representative Jamieson Greer", "who headed Moscow's
   delegation");
5. an actor who speaks about a topic in their clause with no cue holds the position the
   sentiment classifier reads toward the topic's words (positive: support, negative:
   oppose); "discuss", "consider" and a neutral reading are neutral;
6. an actor who is the subject of a clause about a topic's mention (a "he" / "she" resolved
   to the person, "who" to the noun it describes), or the speaker of the quote it stands in,
   holds the position the sentiment classifier reads toward that mention ("Curbelo has
   slammed Trump's comments": oppose); a neutral reading is no position there, and a holder
   never opposes itself. A pronoun inside a quote stands for the person named before it,
   never the speaker, and the sentences of one quote are one position (the mean reading).
7. topics may be actors: a topic named after an actor takes the actor's mentions as its
   own, and every person, country and organisation is a target of its own, its positions
   said by verbs such as praise, endorse, attack, criticise with the actor as their object
   (:mod:`~analysis.stance.targets`; the row's ``target_kind`` says "actor"); these verbs
   give no position of a holder toward itself, and a cue in a relative clause says nothing
   about what comes after it.

The result is the stance table (:data:`analysis.schema.STANCE_COLUMNS`): one row per
sentence, actor and topic (or target actor), with the cue (and its modifier) as written and
the sentence as evidence. Stance comes only from what the sentence says, never from who the
actor is.

One module a step: :mod:`~analysis.stance.topics` (the topic file),
:mod:`~analysis.stance.cues` (the cue matcher and the stance labels),
:mod:`~analysis.stance.holders` (step 2's holders and step 4's speakers),
:mod:`~analysis.stance.polarity` (steps 2 to 4: the topic and label of a cue),
:mod:`~analysis.stance.agents` (step 6's holders),
:mod:`~analysis.stance.targets` (step 7: actors as targets),
:mod:`~analysis.stance.finder` (the stance table, steps 5 to 7),
:mod:`~analysis.stance.readings` (the positions read by the sentiment classifier, steps 5
and 6) and
:mod:`~analysis.stance.proposals` (what stance predicates are about, and the topics proposed
from it). The names below are the package's public interface.
"""

from analysis.stance.cues import (
    CONDITIONAL,
    EVALUATED_NEGATIVE,
    EVALUATED_POSITIVE,
    NEUTRAL,
    OPPOSE,
    STANCES,
    SUPPORT,
)
from analysis.stance.finder import find_stance
from analysis.stance.proposals import (
    MAX_PROPOSED_TOPICS,
    MIN_TOPIC_ARTICLES,
    ObjectCounts,
    object_counts,
    object_terms,
    object_terms_of,
    proposed_from_terms,
    proposed_topics,
    stance_objects,
)
from analysis.stance.targets import ACTOR as TARGET_ACTOR
from analysis.stance.targets import TOPIC as TARGET_TOPIC
from analysis.stance.topics import (
    Topic,
    TopicError,
    Topics,
    add_topic,
    default_topics,
    default_topics_text,
    parse_topics,
    topics_frame,
    topics_from_frame,
    topics_to_toml,
)

__all__ = [
    "CONDITIONAL",
    "EVALUATED_NEGATIVE",
    "EVALUATED_POSITIVE",
    "MAX_PROPOSED_TOPICS",
    "MIN_TOPIC_ARTICLES",
    "NEUTRAL",
    "OPPOSE",
    "STANCES",
    "SUPPORT",
    "TARGET_ACTOR",
    "TARGET_TOPIC",
    "ObjectCounts",
    "Topic",
    "TopicError",
    "Topics",
    "add_topic",
    "default_topics",
    "default_topics_text",
    "find_stance",
    "object_counts",
    "object_terms",
    "object_terms_of",
    "parse_topics",
    "proposed_from_terms",
    "proposed_topics",
    "stance_objects",
    "topics_frame",
    "topics_from_frame",
    "topics_to_toml",
]
