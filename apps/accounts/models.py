"""Verified identities: the one-time codes sent to customers and the proofs they produced.

Identification (an email, or a name and zip code) finds an account; verification proves the
person in the chat owns it. Personal data and every write need the second.
"""

from __future__ import annotations

from django.db import models


class VerificationCode(models.Model):
    """A one-time code sent to a customer's email for one conversation. Only its digest is kept."""

    customer = models.ForeignKey("commerce.Customer", on_delete=models.CASCADE, related_name="+")
    conversation_ref = models.CharField(max_length=64, db_index=True)
    code_digest = models.CharField(max_length=64)
    client = models.CharField(max_length=64, blank=True, help_text="digest of the requesting address")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"code for {self.customer_id} in {self.conversation_ref}"


class VerifiedIdentity(models.Model):
    """Proof that a conversation's customer is who they said: by code, signature or sign-in."""

    class Method(models.TextChoices):
        EMAIL_CODE = "email_code"
        SIGNED = "signed"  # a signature from the site that embeds the chat
        SESSION = "session"  # a signed-in account

    conversation_ref = models.CharField(max_length=64, unique=True)
    customer = models.ForeignKey("commerce.Customer", on_delete=models.CASCADE, related_name="+")
    method = models.CharField(max_length=16, choices=Method.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.conversation_ref} verified as {self.customer_id} ({self.method})"
