"""Report formats for scan results."""
