from typing import Any

import factory
from factory.django import DjangoModelFactory, Password

from civicspace.accounts.models import User
from civicspace.organisations.models import Contact, Organisation


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = Password("a-long-test-password")


class OrganisationFactory(DjangoModelFactory):
    """Builds through the model for speed; tests that need the audit trail call the services."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"org-{n}")
    kind = Organisation.Kind.CSO
    name_en = factory.Sequence(lambda n: f"Organisation number {n}")
    name_km = factory.Sequence(lambda n: f"អង្គការលេខ {n}")
    acronym_en = factory.Sequence(lambda n: f"ORG{n}")

    @factory.post_generation
    def search(obj: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
        from civicspace.organisations.services import _search_document

        if create:
            obj.search_document = _search_document(obj)
            obj.save(update_fields=["search_document"])


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name_en = factory.Faker("name")
    role_en = "Coordinator"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
