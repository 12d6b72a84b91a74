"""The router: which tier (fast, reasoning or a person) handles a customer message.

A TF-IDF + logistic regression classifier puts the message into one of six labels;
readable rules then make the routing more careful where the model is unsure or the
customer is angry or asks for a person. Training uses scikit-learn (`manage.py
train_router`); serving uses a lean re-implementation of the same maths (lean.py).
The examples it learns from and its trained versions are rows admins edit (models.py).
"""
