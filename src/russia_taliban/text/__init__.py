"""Text primitives: decoding and normalising, sentences, dates."""
