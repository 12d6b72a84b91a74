"""The seeded help articles quote policy facts by key instead of spelling out their values, so
an edit to a fact (say, the return window) updates every article that states it. Only the
seed's own sentences are rewritten; an article an admin wrote or changed keeps its words (the
admin is warned when they contradict a fact)."""

from django.db import migrations

# (old literal phrase, phrase quoting the fact by key)
PHRASES = [
    (
        "for a refund up to 30 days after they arrive",
        "for a refund up to {return_window_days} after they arrive",
    ),
    (
        "A refund to a gift card is available immediately. A refund to a credit card or a PayPal account shows up within 5-7 business days.",
        "A refund to a gift card is available {refund_time_gift_card}. A refund to a credit card shows up {refund_time_credit_card:within}, and one to a PayPal account {refund_time_paypal:within}.",
    ),
    (
        "Yes, for delivered items, up to 30 days after they arrive.",
        "Yes, for delivered items, up to {exchange_window_days} after they arrive.",
    ),
    (
        "immediately on a gift card, within 5-7 business days on a credit card or PayPal",
        "{refund_time_gift_card:within} on a gift card, {refund_time_credit_card:within} on a credit card and {refund_time_paypal:within} on PayPal",
    ),
    (
        "you can return the items within 30 days for a refund",
        "you can return the items within {return_window_days} for a refund",
    ),
    (
        "Standard shipping is $5.99 per order and free on orders of $50.00 or more. Express shipping is $14.99 per order, whatever the total.",
        "Standard shipping is {standard_shipping_fee} per order and free on orders of {free_shipping_threshold} or more. Express shipping is {express_shipping_fee} per order, whatever the total.",
    ),
    (
        "Orders are usually processed within 1-2 business days. After that, standard shipping takes 3-5 business days and express shipping 1-2 business days.",
        "Orders are usually processed {order_processing_time:within}. After that, standard shipping takes {standard_shipping_time} and express shipping {express_shipping_time}.",
    ),
    (
        "The team answers Monday to Saturday, 8:00-20:00 Eastern time;",
        "The team answers {support_hours} time;",
    ),
    (
        "Within 30 days of delivery you can return the item",
        "Within {return_window_days} of delivery you can return the item",
    ),
    (
        "Most orders are processed within 1-2 business days of being placed.",
        "Most orders are processed {order_processing_time:within} of being placed.",
    ),
]

# Each fact's own statement quotes its value by key too: fact key -> (old words, new words).
STATEMENTS = {
    "return-window-days": ("up to 30 days after", "up to {return_window_days} after"),
    "exchange-window-days": ("up to 30 days after", "up to {exchange_window_days} after"),
    "refund-time-credit-card": ("within 5-7 business days", "{refund_time_credit_card:within}"),
    "refund-time-paypal": ("within 5-7 business days", "{refund_time_paypal:within}"),
    "standard-shipping-fee": ("costs $5.99", "costs {standard_shipping_fee}"),
    "free-shipping-threshold": ("orders of $50.00", "orders of {free_shipping_threshold}"),
    "express-shipping-fee": ("costs $14.99", "costs {express_shipping_fee}"),
    "standard-shipping-time": ("takes 3-5 business days", "takes {standard_shipping_time}"),
    "express-shipping-time": ("takes 1-2 business days", "takes {express_shipping_time}"),
    "order-processing-time": ("within 1-2 business days", "{order_processing_time:within}"),
}


def _statements(apps, forward: bool) -> None:
    Fact = apps.get_model("knowledge", "Fact")
    for fact in Fact.objects.filter(key__in=list(STATEMENTS)):
        old, new = STATEMENTS[fact.key] if forward else STATEMENTS[fact.key][::-1]
        if old in fact.statement:
            fact.statement = fact.statement.replace(old, new)
            fact.save(update_fields=["statement"])


def quote_facts_by_key(apps, schema_editor):
    _statements(apps, forward=True)
    Article = apps.get_model("knowledge", "Article")
    for article in Article.objects.all():
        answer = article.answer
        for old, new in PHRASES:
            answer = answer.replace(old, new)
        if answer != article.answer:
            article.answer = answer
            article.save(update_fields=["answer"])


def spell_out_again(apps, schema_editor):
    _statements(apps, forward=False)
    Article = apps.get_model("knowledge", "Article")
    for article in Article.objects.all():
        answer = article.answer
        for old, new in PHRASES:
            answer = answer.replace(new, old)
        if answer != article.answer:
            article.answer = answer
            article.save(update_fields=["answer"])


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_guardrail_policy")]

    operations = [migrations.RunPython(quote_facts_by_key, spell_out_again)]
