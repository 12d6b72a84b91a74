"""The chat-model seam and its clients.

types.py is the contract every engine implements (`ChatModel.complete(messages, tools) ->
Reply`); context.py is the structured context every engine is given; openai_model.py serves any
OpenAI-compatible endpoint. The agent core and the offline engine both build on this package,
so neither needs the other's internals.
"""
