"""analysis.records: decoding bytes, normalising text and the metadata of a URL."""

from __future__ import annotations

import pytest

from analysis.records import decode_bytes, domain_of, normalise_text, title_from_url


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Erdoğan met Zelenskyy in Kyiv.".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "Erdoğan met Zelenskyy.".encode(), "utf-8-sig"),
        ("\ufeffErdoğan met Zelenskyy in Kyiv.".encode("utf-16-le"), "utf-16-le"),
        ("\ufeffErdoğan met Zelenskyy in Kyiv.".encode("utf-16-be"), "utf-16-be"),
        ("Erdoğan met Zelenskyy in Kyiv on Thursday.".encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_unicode_encodings_are_detected(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert "Erdoğan met Zelenskyy" in decoded.text.lstrip("\ufeff")


def test_legacy_single_byte_encoding_is_detected_and_recorded() -> None:
    text = (
        "Le président français Emmanuel Macron a déclaré que l’Europe était prête à "
        "renforcer les sanctions contre la Russie si le cessez-le-feu n’était pas respecté."
    )
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.encoding != "utf-8"
    assert "président français" in decoded.text and "déclaré" in decoded.text


def test_invisible_and_control_characters_are_removed() -> None:
    text = "Zelen\u200bsky\u200d met\u00a0Erdoğan\x07 in\u202e Ankara.\r\nNext line\u2060."
    assert normalise_text(text) == "Zelensky met Erdoğan in Ankara.\nNext line."


def test_decomposed_characters_are_composed() -> None:
    assert normalise_text("Erdog\u0306an and Tu\u0308rkiye") == "Erdoğan and Türkiye"


def test_title_from_url_slug() -> None:
    assert (
        title_from_url("https://a.com/world/putin-declines-to-meet-zelenskiy-123456")
        == "Putin declines to meet zelenskiy"
    )
    assert title_from_url("https://en.portnews.ru/news/376823/") is None
    assert title_from_url(None) is None


def test_domain_of_a_url_is_its_host_without_www() -> None:
    assert domain_of(" https://www.Reuters.com/world/europe/talks ") == "reuters.com"
    assert domain_of("https://apnews.com") == "apnews.com"
    assert domain_of("not a url") is None and domain_of(None) is None
