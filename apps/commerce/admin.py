"""Back-office pages for the store. Money history and order contents are read-only here:
they change only through the services the agent and supervisors use, which audit them."""

from django.contrib import admin

from apps.audit.admin_changes import AuditedAdminMixin

from .models import (
    Customer,
    ExchangeRequest,
    Fulfillment,
    Order,
    OrderItem,
    PaymentMethod,
    PaymentTransaction,
    Product,
    ReturnRequest,
    Variant,
)
from .permissions import CUSTOMER_IDENTITY_FIELDS, CUSTOMER_IDENTITY_PERMISSION
from .services import variant_price_change


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class PaymentMethodInline(ReadOnlyInline):
    model = PaymentMethod
    fields = ["method_id", "source", "brand", "last_four", "balance"]


class CustomerOrderInline(ReadOnlyInline):
    model = Order
    fields = ["order_id", "status", "city", "created_at"]
    show_change_link = True


@admin.register(Customer)
class CustomerAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["customer_id", "first_name", "last_name", "email", "city", "zip"]
    search_fields = ["customer_id", "first_name", "last_name", "email", "zip"]
    readonly_fields = ["user", "customer_id", "created_at", "updated_at"]
    inlines = [PaymentMethodInline, CustomerOrderInline]

    def get_readonly_fields(self, request, obj=None):
        # Who the customer is (where codes are emailed, what lookups match) is not an address:
        # changing it needs its own permission, which no supervisor role holds.
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(CUSTOMER_IDENTITY_PERMISSION):
            fields += [f for f in CUSTOMER_IDENTITY_FIELDS if f not in fields]
        return fields


class OrderItemInline(ReadOnlyInline):
    model = OrderItem
    fields = ["position", "name", "variant", "price", "options"]


class FulfillmentInline(ReadOnlyInline):
    model = Fulfillment
    fields = ["tracking_ids", "item_ids"]


class PaymentTransactionInline(ReadOnlyInline):
    model = PaymentTransaction
    verbose_name = "payment or refund"
    verbose_name_plural = "payments and refunds"
    fields = ["position", "kind", "amount", "payment_method", "created_at"]


class ReturnRequestInline(ReadOnlyInline):
    model = ReturnRequest
    fields = ["item_ids", "payment_method", "created_at"]


class ExchangeRequestInline(ReadOnlyInline):
    model = ExchangeRequest
    fields = ["item_ids", "new_item_ids", "payment_method", "price_difference", "created_at"]


@admin.register(Order)
class OrderAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["order_id", "customer", "status", "city", "updated_at"]
    list_filter = ["status"]
    search_fields = ["order_id", "customer__customer_id", "customer__email", "customer__last_name"]
    list_select_related = ["customer"]
    readonly_fields = [
        "order_id",
        "customer",
        "position",
        "status",
        "cancel_reason",
        "created_at",
        "updated_at",
    ]
    inlines = [
        OrderItemInline,
        FulfillmentInline,
        PaymentTransactionInline,
        ReturnRequestInline,
        ExchangeRequestInline,
    ]

    def has_add_permission(self, request):
        return False


class VariantInline(admin.TabularInline):
    model = Variant
    extra = 0
    fields = ["item_id", "options", "available", "price"]
    # Prices change on the variant's own page, where the change goes through the service
    # that keeps the guardrails' price facts in step.
    readonly_fields = ["price"]


@admin.register(Product)
class ProductAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "product_id"]
    search_fields = ["name", "product_id", "variants__item_id"]
    inlines = [VariantInline]


@admin.register(Variant)
class VariantAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["item_id", "product", "price", "available"]
    list_filter = ["available", "product"]
    search_fields = ["item_id", "product__name", "product__product_id"]
    list_select_related = ["product"]

    def save_model(self, request, obj, form, change):
        price_changed = change and "price" in form.changed_data
        new_price = obj.price
        if price_changed:
            obj.price = Variant.objects.values_list("price", flat=True).get(pk=obj.pk)
        super().save_model(request, obj, form, change)
        if price_changed:
            variant_price_change(
                item_id=obj.item_id, price=new_price, actor=f"admin:{request.user.get_username()}"
            )


@admin.register(PaymentMethod)
class PaymentMethodAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["method_id", "customer", "source", "brand", "last_four", "balance"]
    list_filter = ["source", "brand"]
    search_fields = ["method_id", "customer__customer_id", "customer__email"]
    list_select_related = ["customer"]
    readonly_fields = ["method_id", "customer", "source", "balance"]
