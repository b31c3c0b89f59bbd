"""OPA process management, queries and rule metadata."""
