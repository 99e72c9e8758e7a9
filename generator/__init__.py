"""waqai: Arabic news articles to a dated chronology, rendered with MkDocs + Material."""

__version__ = "0.1.0"
