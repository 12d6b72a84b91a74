"""Tool rows copy the code's description when `sync_tools` first creates them and keep it after
(an admin may have edited it). Two descriptions used to state refund times in words of their
own; the code now quotes them from the knowledge base's facts as placeholders. Rows that still
hold the old wording, unedited, get the new one; a row an admin changed is left alone."""

from django.db import migrations

_OLD = {
    "cancel_pending_order": (
        "Cancel an order whose status is exactly 'pending' (not yet processed or shipped). First\n"
        "read the order, tell the customer which order and items will be cancelled and that the\n"
        "money comes back to each original payment method (at once on a gift card, within 5 to 7\n"
        "business days on a card or PayPal), ask for the reason, and get an explicit yes. The reason\n"
        "must be 'no longer needed' or 'ordered by mistake'. Returns the cancelled order with its\n"
        "refunds, or an error (wrong status, unknown order) that changed nothing."
    ),
    "modify_pending_order_payment": (
        "Pay a 'pending' order with a different one of the customer's payment methods. Allowed only\n"
        "while the order holds a single payment; the new method must differ from the current one and a\n"
        "gift card must have enough balance for the whole amount. The new method is charged and the old\n"
        "one refunded (a gift card at once, otherwise in 5 to 7 business days); the order stays\n"
        "pending. Explain this and get an explicit yes first. Returns the updated order."
    ),
}

_REFUND_TIMING = (
    "{refund_time_gift_card:within} on a gift card, {refund_time_credit_card:within} on a credit "
    "card, {refund_time_paypal:within} on PayPal"
)
_NEW = {
    "cancel_pending_order": (
        "Cancel an order whose status is exactly 'pending' (not yet processed or shipped). First\n"
        "read the order, tell the customer which order and items will be cancelled and that the\n"
        f"money comes back to each original payment method ({_REFUND_TIMING}), ask for the reason,\n"
        "and get an explicit yes. The reason must be 'no longer needed' or 'ordered by mistake'.\n"
        "Returns the cancelled order with its refunds, or an error (wrong status, unknown order) that\n"
        "changed nothing."
    ),
    "modify_pending_order_payment": (
        "Pay a 'pending' order with a different one of the customer's payment methods. Allowed only\n"
        "while the order holds a single payment; the new method must differ from the current one and a\n"
        "gift card must have enough balance for the whole amount. The new method is charged and the old\n"
        f"one refunded ({_REFUND_TIMING}); the order stays pending. Explain this and get an explicit yes\n"
        "first. Returns the updated order."
    ),
}


def _replace(apps, before, after):
    Tool = apps.get_model("tools", "Tool")
    for name, text in before.items():
        Tool.objects.filter(name=name, description=text).update(description=after[name])


def forwards(apps, schema_editor):
    _replace(apps, _OLD, _NEW)


def backwards(apps, schema_editor):
    _replace(apps, _NEW, _OLD)


class Migration(migrations.Migration):
    dependencies = [("tools", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
