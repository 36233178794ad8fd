"""Coach's writes."""
