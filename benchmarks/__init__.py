"""The scripts behind `make bench`: page weight and server time of the public pages (docs/benchmarks.md)."""
