from spbe.evidence.files import normalise_for_search


def test_query_and_text_meet_after_normalisation():
    text = "Keputusan tentang ARSITEKTUR  SPBE\nKota Denpasar"
    assert normalise_for_search("Arsitektur SPBE") in normalise_for_search(text)


def test_accents_ligatures_and_whitespace():
    assert normalise_for_search("  Pérda\tﬁnal\u00a0\n ") == "perda final"
    assert normalise_for_search(None) == ""
