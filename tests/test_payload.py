"""The shard payload: parse results to checked JSON and back (``etl.lib.pipeline.payload``)."""

import json
import re

import pytest

from etl import paths
from etl.lib.pipeline import corpus
from etl.lib.pipeline.payload import InvalidEntry, Schema


@pytest.fixture(scope="module")
def article():
    """The seeds' Wikipedia article (Leaving Las Vegas, API JSON)."""
    root = paths.DEFAULT_SEEDS_DIR
    parsed = corpus.parse_all(root, corpus.detect_all(root).sources, workers=1)
    return next(d for d in parsed.documents if d.kind == "mediawiki_api_json")


def test_a_document_reads_back_equal(article):
    schema = Schema()
    (back,) = schema.load(schema.dump([article]))
    assert back == article
    assert back.facts.title == "Leaving Las Vegas"


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (lambda d: d["facts"]["credits"][1].update(role=5), "item 0.facts.credits[1].role: not a str"),
        (lambda d: d["facts"]["credits"][0].pop("role"), "item 0.facts.credits[0]: not the fields of Credit"),
        (lambda d: d.update(page_id="x"), "item 0.page_id: no type of"),
    ],
)
def test_a_tampered_value_is_refused_with_its_path(article, tamper, message):
    schema = Schema()
    data = json.loads(schema.dump([article]))
    tamper(data["items"][0]["document"])
    with pytest.raises(InvalidEntry, match="^" + re.escape(message)):
        schema.load(json.dumps(data))
