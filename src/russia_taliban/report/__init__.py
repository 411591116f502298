"""What the notebooks compute, draw and display."""
