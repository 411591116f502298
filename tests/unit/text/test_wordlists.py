from russia_taliban.text.wordlists import agencies, wordlists, words_of


def test_wordlists_have_their_sections_and_read_case_insensitively() -> None:
    assert {"titles", "name_particles", "name_stopwords", "abbreviations", "agencies"} <= set(wordlists())
    assert "mr" in words_of("abbreviations") and "al" in words_of("name_particles")
    assert agencies()["AP"] == "Associated Press"
