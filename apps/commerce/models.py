"""The business backend the agent's tools act on: customers, products and orders.

Public references (customer ids like "noah_brown_6181", order ids like "#W2611340", item
ids) are unique columns; rows keep surrogate keys. Money is Decimal with two places.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from guardian.models import UserObjectPermissionBase

from apps.core.models import TimestampedModel


def money_field(**kwargs: Any) -> models.DecimalField:
    """Money: Decimal with two places, never float."""
    return models.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class PostalAddress(models.Model):
    address1 = models.CharField(max_length=200)
    address2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=100)
    country = models.CharField(max_length=100)
    zip = models.CharField(max_length=20)

    ADDRESS_FIELDS = ("address1", "address2", "city", "state", "country", "zip")

    class Meta:
        abstract = True

    def address_dict(self) -> dict[str, str]:
        return {field: getattr(self, field) for field in self.ADDRESS_FIELDS}

    @property
    def address_line(self) -> str:
        parts = [self.address1, self.address2, self.city, f"{self.state} {self.zip}", self.country]
        return ", ".join(part for part in parts if part)


class Customer(PostalAddress, TimestampedModel):
    """A shopper. Each has a Django user account; the postal address is their default."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="customer")
    customer_id = models.CharField("customer id", max_length=64, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(db_index=True)

    class Meta:
        ordering = ["customer_id"]
        permissions = [("change_customer_identity", "Can change a customer's email, name and zip code")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.customer_id})"


class PaymentMethod(models.Model):
    class Source(models.TextChoices):
        CREDIT_CARD = "credit_card", "credit card"
        PAYPAL = "paypal", "PayPal"
        GIFT_CARD = "gift_card", "gift card"

    method_id = models.CharField("payment method id", max_length=64, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="payment_methods")
    source = models.CharField(max_length=20, choices=Source.choices)
    brand = models.CharField(max_length=30, blank=True)
    last_four = models.CharField(max_length=4, blank=True)
    balance = money_field(null=True, blank=True, help_text="gift cards only")

    class Meta:
        ordering = ["customer_id", "id"]

    def __str__(self) -> str:
        if self.source == self.Source.CREDIT_CARD:
            return f"{self.brand} card ending {self.last_four} ({self.method_id})"
        if self.source == self.Source.GIFT_CARD:
            return f"gift card {self.method_id} (balance {self.balance})"
        return f"PayPal ({self.method_id})"

    @property
    def is_gift_card(self) -> bool:
        return self.source == self.Source.GIFT_CARD


class Product(models.Model):
    product_id = models.CharField("product id", max_length=20, unique=True)
    name = models.CharField(max_length=100, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.product_id})"


class Variant(models.Model):
    """One buyable item of a product: a set of options at a price."""

    item_id = models.CharField("item id", max_length=20, unique=True)
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    options = models.JSONField(default=dict)
    available = models.BooleanField(default=True)
    price = money_field()

    class Meta:
        ordering = ["product_id", "id"]

    def __str__(self) -> str:
        options = ", ".join(f"{k}: {v}" for k, v in self.options.items())
        return f"{self.item_id} ({options}) {self.price}"


class Order(PostalAddress, TimestampedModel):
    """An order and its shipping address. Items, fulfilments and payments hang off it."""

    class Status(models.TextChoices):
        PENDING = "pending"
        PENDING_ITEM_MODIFIED = "pending (item modified)"
        PROCESSED = "processed"
        DELIVERED = "delivered"
        CANCELLED = "cancelled"
        RETURN_REQUESTED = "return requested"
        EXCHANGE_REQUESTED = "exchange requested"

    class CancelReason(models.TextChoices):
        NO_LONGER_NEEDED = "no longer needed"
        ORDERED_BY_MISTAKE = "ordered by mistake"

    order_id = models.CharField("order id", max_length=20, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="orders")
    # Where the order stands in the customer's own list of orders (kept as the store had it).
    position = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=32, choices=Status.choices, db_index=True)
    cancel_reason = models.CharField(max_length=32, choices=CancelReason.choices, blank=True)

    class Meta:
        ordering = ["customer_id", "position"]
        permissions = [
            ("cancel_order", "Can cancel a pending order (refunds its payments)"),
            ("modify_order_address", "Can change a pending order's shipping address"),
            ("modify_order_payment", "Can change a pending order's payment method"),
            ("modify_order_items", "Can swap items of a pending order for other variants"),
            ("return_order", "Can request a return of a delivered order's items"),
            ("exchange_order", "Can request an exchange of a delivered order's items"),
        ]

    def __str__(self) -> str:
        return self.order_id


class OrderItem(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    variant = models.ForeignKey(Variant, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=100)
    price = money_field()
    options = models.JSONField(default=dict)

    class Meta:
        ordering = ["order_id", "position"]

    def __str__(self) -> str:
        return f"{self.name} {self.variant.item_id}"


class Fulfillment(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="fulfillments")
    position = models.PositiveIntegerField()
    tracking_ids = models.JSONField(default=list)
    item_ids = models.JSONField(default=list)

    class Meta:
        ordering = ["order_id", "position"]

    def __str__(self) -> str:
        return ", ".join(self.tracking_ids)


class PaymentTransaction(models.Model):
    """One entry of an order's payment history: a payment taken or a refund given."""

    class Kind(models.TextChoices):
        PAYMENT = "payment"
        REFUND = "refund"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="transactions")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    amount = money_field()
    payment_method = models.ForeignKey(PaymentMethod, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order_id", "position"]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


class ReturnRequest(TimestampedModel):
    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="return_request")
    item_ids = models.JSONField(help_text="sorted item ids to be returned")
    payment_method = models.ForeignKey(PaymentMethod, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"return of {', '.join(self.item_ids)}"


class ExchangeRequest(TimestampedModel):
    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="exchange_request")
    item_ids = models.JSONField(help_text="sorted item ids to be exchanged")
    new_item_ids = models.JSONField(help_text="sorted item ids to be sent instead")
    payment_method = models.ForeignKey(PaymentMethod, on_delete=models.PROTECT, related_name="+")
    price_difference = money_field(default=Decimal("0"))

    def __str__(self) -> str:
        return f"exchange of {', '.join(self.item_ids)}"


# django-guardian "direct foreign key" permission tables: indexed joins and cascading deletes
# instead of the generic table's string object keys.
class CustomerUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Customer, on_delete=models.CASCADE)


class OrderUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Order, on_delete=models.CASCADE)
