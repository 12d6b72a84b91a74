"""factory_boy factories for store rows that tests need in a particular shape."""

from __future__ import annotations

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from apps.commerce.models import (
    Customer,
    Order,
    OrderItem,
    PaymentMethod,
    PaymentTransaction,
    Product,
    Variant,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"test_user_{n}")


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    user = factory.SubFactory(UserFactory)
    customer_id = factory.Sequence(lambda n: f"test_customer_{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Customer{n}")
    email = factory.LazyAttribute(lambda c: f"{c.customer_id}@example.com")
    address1 = "1 Test Street"
    address2 = ""
    city = "Testville"
    state = "CA"
    country = "USA"
    zip = "90001"


class PaymentMethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaymentMethod

    customer = factory.SubFactory(CustomerFactory)
    method_id = factory.Sequence(lambda n: f"gift_card_{9000000 + n}")
    source = PaymentMethod.Source.GIFT_CARD
    balance = Decimal("100.00")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    product_id = factory.Sequence(lambda n: f"{9900000000 + n}")
    name = factory.Sequence(lambda n: f"Test Product {n}")


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Variant

    product = factory.SubFactory(ProductFactory)
    item_id = factory.Sequence(lambda n: f"{8800000000 + n}")
    options = factory.Dict({"color": "blue"})
    available = True
    price = Decimal("50.00")


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    customer = factory.SubFactory(CustomerFactory)
    order_id = factory.Sequence(lambda n: f"#W{9000000 + n}")
    status = Order.Status.PENDING
    address1 = "1 Test Street"
    address2 = ""
    city = "Testville"
    state = "CA"
    country = "USA"
    zip = "90001"


def order_with_items(
    *,
    customer: Customer,
    variants: list[Variant],
    payment_method: PaymentMethod,
    status: str = Order.Status.PENDING,
) -> Order:
    """An order of these variants, paid in full with `payment_method`."""
    order = OrderFactory(customer=customer, status=status)
    for position, variant in enumerate(variants):
        OrderItem.objects.create(
            order=order,
            position=position,
            product=variant.product,
            variant=variant,
            name=variant.product.name,
            price=variant.price,
            options=variant.options,
        )
    PaymentTransaction.objects.create(
        order=order,
        position=0,
        kind=PaymentTransaction.Kind.PAYMENT,
        amount=sum((v.price for v in variants), Decimal("0")),
        payment_method=payment_method,
    )
    return order
