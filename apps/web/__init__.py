"""The people's side: the customer's chat page, the supervisor console and their websockets.

Entry points only: each view and socket action parses, authorises and calls one service of
apps.conversations or apps.agent; no rule lives here.
"""
