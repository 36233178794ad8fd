"""The Spark API's documented shapes, in camelCase, one module per area."""
