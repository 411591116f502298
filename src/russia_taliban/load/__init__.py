"""Loading: files into articles with paragraphs, kinds and metadata."""
