"""Back-office pages for facts, articles and the guardrail policy. Saves and deletes go through
the services, which audit them (with the previous values: the change history); Django's own
History page lists who changed what and when."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.html import format_html, format_html_join

from apps.core.admin_singleton import SingletonAdmin

from .models import Article, Fact, GuardrailPolicy
from .selectors import policy_render
from .services import guardrail_policy_save, knowledge_row_delete, knowledge_row_save, knowledge_save_warnings
from .snapshot import PRODUCT_SCOPE_PREFIX
from .usage import fact_usage


def _actor(request) -> str:
    return f"admin:user#{request.user.pk}"


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        knowledge_row_save(row=obj, actor=_actor(request))
        # Saved, but the admin hears what now disagrees with the facts.
        for warning in knowledge_save_warnings(row=obj):
            messages.warning(request, warning)

    def delete_model(self, request, obj):
        knowledge_row_delete(row=obj, actor=_actor(request))

    def delete_queryset(self, request, queryset):
        # One audited delete per row, so the trail names every fact or article removed.
        for obj in queryset:
            knowledge_row_delete(row=obj, actor=_actor(request))


class FactCategoryFilter(admin.SimpleListFilter):
    """Policy facts (a few dozen, edited here) apart from the price mirrors (hundreds, read-only)."""

    title = "category"
    parameter_name = "category"

    def lookups(self, request, model_admin):
        return [("policy", "Policy and fees"), ("prices", "Product prices (mirrored from the store)")]

    def queryset(self, request, queryset):
        if self.value() == "policy":
            return queryset.exclude(scope__startswith=PRODUCT_SCOPE_PREFIX)
        if self.value() == "prices":
            return queryset.filter(scope__startswith=PRODUCT_SCOPE_PREFIX)
        return queryset


@admin.register(Fact)
class FactAdmin(AuditedAdmin):
    def changelist_view(self, request, extra_context=None):
        # The list opens on the policy facts, the ones people come here to edit; "All" stays a click away.
        if not request.GET and request.method == "GET":
            return HttpResponseRedirect(f"{request.path}?category=policy")
        return super().changelist_view(request, extra_context)

    # Price facts mirror the store's variants (product_price_facts_sync): a price is changed on
    # the variant (variant_price_change), never here, so the two cannot disagree.
    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.scope.startswith(PRODUCT_SCOPE_PREFIX):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.scope.startswith(PRODUCT_SCOPE_PREFIX):
            return False
        return super().has_delete_permission(request, obj)

    list_display = ["key", "value", "unit", "kind", "scope", "effective_from", "effective_to", "updated_at"]
    list_filter = [FactCategoryFilter, "kind", "unit"]
    ordering = ["scope", "key"]
    search_fields = ["key", "value", "statement", "source"]
    readonly_fields = ["used_in", "created_at", "updated_at"]
    fields = [
        "key",
        "kind",
        "value",
        "unit",
        "scope",
        "statement",
        "source",
        "effective_from",
        "effective_to",
        "used_in",
        "created_at",
        "updated_at",
    ]

    @admin.display(description="used in")
    def used_in(self, obj):
        """Every text that quotes this fact by key, so an edit's reach is visible before saving."""
        if obj is None or not obj.pk:
            return "-"
        usage = fact_usage(obj.key)
        lines = [f"article: {question}" for question in usage.articles] + list(usage.texts)
        if usage.code:
            lines.append("the offline engine's and the tools' own wording")
        if not lines:
            return f"nothing quotes {{{obj.key.replace('-', '_')}}} yet"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((line,) for line in lines)))


@admin.register(Article)
class ArticleAdmin(AuditedAdmin):
    list_display = ["question", "tags", "active", "updated_at"]
    list_filter = ["active"]
    list_editable = ["active"]
    search_fields = ["question", "answer", "tags"]
    readonly_fields = ["as_customers_read_it", "created_at", "updated_at"]
    fields = ["question", "answer", "as_customers_read_it", "tags", "active", "created_at", "updated_at"]

    @admin.display(description="as customers read it")
    def as_customers_read_it(self, obj):
        """The answer with every {fact_key} it quotes filled in with the value in force."""
        if obj is None or not obj.answer:
            return "-"
        return format_html("<p>{}</p>", policy_render(obj.answer))


@admin.register(GuardrailPolicy)
class GuardrailPolicyAdmin(SingletonAdmin):
    """One page: the policy's form, showing the defaults until someone saves it."""

    singleton_pk = GuardrailPolicy.SINGLETON_PK
    fields = ["handoff_on_block", "updated_at"]
    readonly_fields = ["updated_at"]

    def save_model(self, request, obj, form, change):
        saved = guardrail_policy_save(handoff_on_block=obj.handoff_on_block, actor=_actor(request))
        obj.pk = saved.pk
