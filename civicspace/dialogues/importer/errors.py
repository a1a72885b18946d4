"""The one exception the importer raises for a file it cannot use (the platform-wide upload refusal)."""

from civicspace.core.uploads import UploadRejected as ImportRejected

__all__ = ["ImportRejected"]
