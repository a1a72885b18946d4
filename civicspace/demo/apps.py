from django.apps import AppConfig


class DemoConfig(AppConfig):
    """No models: the demo data and its `load_demo` command, above every other app."""

    name = "civicspace.demo"
    label = "demo"
    verbose_name = "Demo data"  # shown nowhere: the app has no models
