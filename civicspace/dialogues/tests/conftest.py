from conftest import PP

__all__ = ["PP"]
