"""The one exception the importer raises for a file it cannot use."""


class ImportRejected(Exception):
    """The uploaded file cannot be imported. `message` is translated and safe to show to the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
